/// Colour cycles for data series.
public enum Palette {
    /// matplotlib's default cycle ("tab10"), the colours matplotlib users know as C0...C9.
    public static let tab10: [Color] = [
        Color(bytes: 0x1F, 0x77, 0xB4), Color(bytes: 0xFF, 0x7F, 0x0E), Color(bytes: 0x2C, 0xA0, 0x2C),
        Color(bytes: 0xD6, 0x27, 0x28), Color(bytes: 0x94, 0x67, 0xBD), Color(bytes: 0x8C, 0x56, 0x4B),
        Color(bytes: 0xE3, 0x77, 0xC2), Color(bytes: 0x7F, 0x7F, 0x7F), Color(bytes: 0xBC, 0xBD, 0x22),
        Color(bytes: 0x17, 0xBE, 0xCF),
    ]

    /// The colour of the `index`-th series, cycling through tab10.
    public static func color(_ index: Int) -> Color {
        tab10[((index % tab10.count) + tab10.count) % tab10.count]
    }
}
