/// A colour in sRGB with straight (not premultiplied) alpha; components run from 0 to 1.
public struct Color: Equatable, Hashable, Sendable {
    /// The red component, 0...1.
    public var red: Double
    /// The green component, 0...1.
    public var green: Double
    /// The blue component, 0...1.
    public var blue: Double
    /// Opacity: 0 transparent, 1 opaque.
    public var alpha: Double

    /// Creates a colour; components are clamped to 0...1.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = Self.clamped(red)
        self.green = Self.clamped(green)
        self.blue = Self.clamped(blue)
        self.alpha = Self.clamped(alpha)
    }

    /// Creates a gray with the given lightness (0 black, 1 white).
    public init(gray: Double, alpha: Double = 1) {
        self.init(red: gray, green: gray, blue: gray, alpha: alpha)
    }

    /// Creates a colour from 8-bit components.
    init(bytes r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.init(red: Double(r) / 255, green: Double(g) / 255, blue: Double(b) / 255, alpha: Double(a) / 255)
    }

    /// Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, a name (`black`, `red`, `tab:blue`, ...) or a
    /// cycle colour `C0`...`C9` as matplotlib spells them.
    ///
    /// ```swift
    /// let c = try Color(parsing: "#1f77b4")
    /// ```
    public init(parsing text: String) throws {
        let key = text.lowercased()
        if let named = Self.names[key] {
            self = named
            return
        }
        if key.count == 2, key.first == "c", let digit = Int(key.dropFirst()) {
            self = Palette.tab10[digit]
            return
        }
        guard key.hasPrefix("#"), let value = UInt32(key.dropFirst(), radix: 16) else {
            throw FigureError("Color: cannot read '\(text)' (expected #rrggbb, #rrggbbaa, a name like 'red' or C0...C9)")
        }
        switch key.count {
        case 4:
            let r = (value >> 8) & 0xF, g = (value >> 4) & 0xF, b = value & 0xF
            self.init(bytes: UInt8(r * 17), UInt8(g * 17), UInt8(b * 17))
        case 7:
            self.init(bytes: UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        case 9:
            self.init(bytes: UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF),
                      UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        default:
            throw FigureError("Color: cannot read '\(text)' (expected #rgb, #rrggbb or #rrggbbaa)")
        }
    }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// The colour as `#rrggbb`, ignoring alpha.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for byte in [byte(red), byte(green), byte(blue)] {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return text
    }

    /// A component as an 8-bit value, rounded to nearest.
    func byte(_ component: Double) -> UInt8 { UInt8((component * 255).rounded()) }

    /// Relative luminance (Rec. 709 weights on sRGB values), used to pick readable text colours.
    var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// The straight mix `self * (1 - t) + other * t`.
    func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    private static func clamped(_ v: Double) -> Double { v.isNaN ? 0 : min(1, max(0, v)) }

    /// Opaque black.
    public static let black = Color(gray: 0)
    /// Opaque white.
    public static let white = Color(gray: 1)
    /// Fully transparent.
    public static let clear = Color(gray: 0, alpha: 0)

    private static let names: [String: Color] = {
        var table: [String: Color] = [
            "black": .black, "white": .white, "none": .clear, "transparent": .clear,
            "gray": Color(gray: 0.5), "grey": Color(gray: 0.5),
            "lightgray": Color(gray: 0.827), "darkgray": Color(gray: 0.663),
            "red": Color(red: 1, green: 0, blue: 0), "green": Color(red: 0, green: 0.5, blue: 0),
            "blue": Color(red: 0, green: 0, blue: 1), "orange": Color(red: 1, green: 0.647, blue: 0),
            "purple": Color(red: 0.5, green: 0, blue: 0.5), "brown": Color(red: 0.647, green: 0.165, blue: 0.165),
            "pink": Color(red: 1, green: 0.753, blue: 0.796), "olive": Color(red: 0.5, green: 0.5, blue: 0),
            "cyan": Color(red: 0, green: 1, blue: 1), "magenta": Color(red: 1, green: 0, blue: 1),
            "yellow": Color(red: 1, green: 1, blue: 0),
        ]
        let tab = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"]
        for (name, color) in zip(tab, Palette.tab10) {
            table["tab:" + name] = color
        }
        return table
    }()
}
