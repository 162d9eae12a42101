import Foundation

/// Writes a scene as an SVG document.
///
/// Text becomes real `<text>` elements in a generic sans-serif family so that it stays editable;
/// positions come from the figure font's metrics. Images are embedded as PNG data and drawn
/// with pixelated scaling, clip rectangles become `clipPath`s.
enum SVGRenderer {
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    static func render(_ scene: Scene) throws -> String {
        var writer = Writer()
        let w = number(scene.width), h = number(scene.height)
        writer.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        writer.line("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
            + "version=\"1.1\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">")
        if scene.background.alpha > 0 {
            writer.line("<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\"\(paint("fill", scene.background))/>")
        }
        for item in scene.items {
            try writer.write(item)
        }
        writer.line("</svg>")
        return writer.text
    }

    private struct Writer {
        var text = ""
        var depth = 1
        var clipCount = 0

        mutating func line(_ s: String) {
            text += String(repeating: "  ", count: max(0, depth - 1)) + s + "\n"
        }

        mutating func write(_ item: SceneItem) throws {
            switch item {
            case .line(let points, let stroke):
                line("<polyline points=\"\(pointList(points))\" fill=\"none\"\(strokeAttributes(stroke))/>")
            case .polygon(let points, let fill, let stroke):
                line("<polygon points=\"\(pointList(points))\"\(fillAttributes(fill))\(stroke.map(strokeAttributes) ?? "")/>")
            case .rect(let r, let fill, let stroke, let radius, _):
                let corner = radius > 0 ? " rx=\"\(number(radius))\"" : ""
                line("<rect x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" "
                    + "height=\"\(number(r.height))\"\(corner)\(fillAttributes(fill))\(stroke.map(strokeAttributes) ?? "")/>")
            case .circle(let c, let radius, let fill, let stroke):
                line("<circle cx=\"\(number(c.x))\" cy=\"\(number(c.y))\" r=\"\(number(radius))\""
                    + "\(fillAttributes(fill))\(stroke.map(strokeAttributes) ?? "")/>")
            case .text(let t):
                line(textElement(t))
            case .image(let image):
                let (rgba, width, height) = SVGRenderer.upscaled(image)
                let png = try PNG.encode(pixels: rgba, width: width, height: height, format: .rgba)
                let r = image.rect
                line("<image x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" "
                    + "height=\"\(number(r.height))\" preserveAspectRatio=\"none\" image-rendering=\"pixelated\" "
                    + "style=\"image-rendering:pixelated;image-rendering:crisp-edges\" "
                    + "xlink:href=\"data:image/png;base64,\(Data(png).base64EncodedString())\"/>")
            case .clip(let r, let items):
                clipCount += 1
                let id = "clip\(clipCount)"
                line("<clipPath id=\"\(id)\"><rect x=\"\(number(r.x))\" y=\"\(number(r.y))\" "
                    + "width=\"\(number(r.width))\" height=\"\(number(r.height))\"/></clipPath>")
                line("<g clip-path=\"url(#\(id))\">")
                depth += 1
                for item in items {
                    try write(item)
                }
                depth -= 1
                line("</g>")
            }
        }
    }

    /// The image enlarged by a whole factor (nearest neighbour) to at least its displayed size:
    /// many viewers ignore `image-rendering` and smooth small images, which would blur heatmap
    /// cells; smoothing an image shown at its own size only softens the edges between blocks.
    static func upscaled(_ image: ImageItem) -> (rgba: [UInt8], width: Int, height: Int) {
        let wanted = max(image.rect.width / Double(image.width), image.rect.height / Double(image.height))
        let cap = (4_000_000 / Double(image.width * image.height)).squareRoot()
        let k = max(1, Int(min(wanted, cap).rounded(.up)))
        guard k > 1 else { return (image.rgba, image.width, image.height) }
        let width = image.width * k, height = image.height * k
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let source = ((y / k) * image.width + x / k) * 4, target = (y * width + x) * 4
                out[target..<target + 4] = image.rgba[source..<source + 4]
            }
        }
        return (out, width, height)
    }

    /// A `<text>` whose baseline and alignment match what the raster renderer draws.
    private static func textElement(_ t: TextItem) -> String {
        let angle = t.rotation * Double.pi / 180
        let up = Point(-sin(angle), -cos(angle))
        let lift: Double
        switch t.baseline {
        case .alphabetic: lift = 0
        case .middle: lift = Font.capHeight(size: t.size) / 2
        case .top: lift = Font.capHeight(size: t.size)
        case .bottom: lift = -Font.descent(size: t.size)
        }
        let origin = t.position - up * lift
        let anchor: String
        switch t.anchor {
        case .start: anchor = "start"
        case .middle: anchor = "middle"
        case .end: anchor = "end"
        }
        let x = number(origin.x), y = number(origin.y)
        let rotation = t.rotation == 0 ? "" : " transform=\"rotate(\(number(-t.rotation)) \(x) \(y))\""
        return "<text x=\"\(x)\" y=\"\(y)\" font-family=\"\(fontFamily)\" font-size=\"\(number(t.size))\" "
            + "text-anchor=\"\(anchor)\"\(paint("fill", t.color))\(rotation)>\(escaped(t.text))</text>"
    }

    private static func fillAttributes(_ fill: Color?) -> String {
        guard let fill else { return " fill=\"none\"" }
        return paint("fill", fill)
    }

    private static func strokeAttributes(_ s: StrokeStyle) -> String {
        var text = paint("stroke", s.color) + " stroke-width=\"\(number(s.width))\""
        switch s.cap {
        case .butt: break
        case .round: text += " stroke-linecap=\"round\""
        case .square: text += " stroke-linecap=\"square\""
        }
        switch s.join {
        case .miter: break
        case .round: text += " stroke-linejoin=\"round\""
        case .bevel: text += " stroke-linejoin=\"bevel\""
        }
        if !s.dash.isEmpty {
            text += " stroke-dasharray=\"\(s.dash.map(number).joined(separator: " "))\""
        }
        return text
    }

    /// `name="#rrggbb"` plus an opacity attribute when the colour is translucent.
    private static func paint(_ name: String, _ color: Color) -> String {
        var text = " \(name)=\"\(color.hex)\""
        if color.alpha < 1 {
            text += " \(name)-opacity=\"\(number(color.alpha))\""
        }
        return text
    }

    private static func pointList(_ points: [Point]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    /// A coordinate with at most two decimals and no trailing zeros; the same input always gives
    /// the same text.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        var text = String(format: "%.2f", v)
        while text.hasSuffix("0") {
            text.removeLast()
        }
        if text.hasSuffix(".") {
            text.removeLast()
        }
        return text == "-0" ? "0" : text
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 has no place for control characters.
                out.append(c.unicodeScalars.allSatisfy { $0.value >= 0x20 } ? c : " ")
            }
        }
        return out
    }
}
