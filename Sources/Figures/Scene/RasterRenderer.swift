/// Draws a scene onto a canvas, `scale` device pixels per figure unit.
enum RasterRenderer {
    static func render(_ scene: Scene, scale: Double) -> Canvas {
        var canvas = Canvas(width: Int((scene.width * scale).rounded()), height: Int((scene.height * scale).rounded()),
                            background: scene.background)
        for item in scene.items {
            draw(item, on: &canvas, scale: scale)
        }
        return canvas
    }

    private static func draw(_ item: SceneItem, on canvas: inout Canvas, scale s: Double) {
        switch item {
        case .line(let points, let stroke):
            let device = stroke.snap ? snapped(points.map { $0 * s }, width: stroke.width * s) : points.map { $0 * s }
            canvas.strokePolyline(device, width: deviceWidth(stroke, s), color: stroke.color, cap: stroke.cap,
                                  join: stroke.join, dash: stroke.dash.map { $0 * s })
        case .polygon(let points, let fill, let stroke):
            let device = points.map { $0 * s }
            if let fill {
                canvas.fillPolygon(device, color: fill)
            }
            if let stroke {
                canvas.strokePolyline(device, width: deviceWidth(stroke, s), color: stroke.color, cap: stroke.cap,
                                      join: stroke.join, dash: stroke.dash.map { $0 * s }, closed: true)
            }
        case .rect(let rect, let fill, let stroke, let radius, let snap):
            var r = rect.scaled(by: s)
            if snap {
                r = snappedRect(r)
            }
            if let fill {
                if radius > 0 {
                    canvas.fillPolygon(roundedRect(r, radius: radius * s), color: fill)
                } else {
                    canvas.fillRect(r, color: fill)
                }
            }
            if let stroke {
                let width = deviceWidth(stroke, s)
                let outline = radius > 0 ? roundedRect(r, radius: radius * s)
                    : [Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)]
                let device = stroke.snap ? snapped(outline, width: width) : outline
                canvas.strokePolyline(device, width: width, color: stroke.color, cap: stroke.cap, join: .miter,
                                      dash: stroke.dash.map { $0 * s }, closed: true)
            }
        case .circle(let center, let radius, let fill, let stroke):
            if let fill {
                canvas.fillCircle(center: center * s, radius: radius * s, color: fill)
            }
            if let stroke {
                canvas.strokePolyline(Curves.circle(center: center * s, radius: radius * s), width: deviceWidth(stroke, s),
                                      color: stroke.color, dash: stroke.dash.map { $0 * s }, closed: true)
            }
        case .text(let text):
            canvas.drawText(text.text, at: text.position * s, size: text.size * s, color: text.color,
                            anchor: text.anchor, baseline: text.baseline, rotation: text.rotation)
        case .image(let image):
            canvas.drawImage(rgba: image.rgba, imageWidth: image.width, imageHeight: image.height,
                             in: image.rect.scaled(by: s))
        case .clip(let rect, let items):
            let saved = canvas.clip
            canvas.clip = snappedRect(rect.scaled(by: s)).intersection(saved) ?? Rect(x: 0, y: 0, width: 0, height: 0)
            for item in items {
                draw(item, on: &canvas, scale: s)
            }
            canvas.clip = saved
        }
    }

    /// Snapped lines get a whole number of pixels, at least one, so they stay sharp.
    private static func deviceWidth(_ stroke: StrokeStyle, _ s: Double) -> Double {
        stroke.snap ? max(1, (stroke.width * s).rounded()) : stroke.width * s
    }

    /// Moves coordinates so that a pen of `width` covers whole pixels: centres on pixel centres
    /// for odd widths, on pixel edges for even ones.
    private static func snapped(_ points: [Point], width: Double) -> [Point] {
        let odd = Int(max(1, width.rounded())) % 2 == 1
        let snap: (Double) -> Double = { odd ? $0.rounded(.down) + 0.5 : $0.rounded() }
        return points.map { Point(snap($0.x), snap($0.y)) }
    }

    private static func snappedRect(_ r: Rect) -> Rect {
        let x0 = r.minX.rounded(), y0 = r.minY.rounded()
        return Rect(x: x0, y: y0, width: r.maxX.rounded() - x0, height: r.maxY.rounded() - y0)
    }

    private static func roundedRect(_ r: Rect, radius: Double) -> [Point] {
        let radius = min(radius, r.width / 2, r.height / 2)
        let quarter = Double.pi / 2
        let corners: [(Point, Double)] = [
            (Point(r.maxX - radius, r.minY + radius), -quarter), (Point(r.maxX - radius, r.maxY - radius), 0),
            (Point(r.minX + radius, r.maxY - radius), quarter), (Point(r.minX + radius, r.minY + radius), 2 * quarter),
        ]
        return corners.flatMap { center, start in
            Curves.arc(center: center, radiusX: radius, radiusY: radius, start: start, sweep: quarter)
        }
    }
}
