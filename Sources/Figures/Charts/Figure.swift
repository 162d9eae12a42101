/// A figure: one or more panels in a grid, rendered to PNG or SVG from one layout.
///
/// Sizes are in figure units, which are pixels at `scale` 1. The default 640 x 480 is
/// matplotlib's default figure (6.4 x 4.8 in at 100 dpi) with text of the same proportions, so
/// it reads at 7 to 8 pt when set in a 3.3 in paper column; `scale: 3` gives ~580 dpi there.
/// Grids default to 380 x 320 units per panel. The same figure always gives the same bytes.
///
/// ```swift
/// let fig = try Figure(rows: 1, cols: 2, scale: 2)
/// try fig.panel(0, 0).line(y: loss, label: "loss")
/// try fig.panel(0, 1).heatmap(values: routing, rowLabels: inputs, colLabels: models, cmap: .magma)
/// try fig.save("figures/training.png")
/// try fig.save("figures/training.svg")
/// ```
public final class Figure {
    /// Rows of panels.
    public let rows: Int
    /// Columns of panels.
    public let cols: Int
    /// Width in figure units (pixels at scale 1).
    public let width: Double
    /// Height in figure units (pixels at scale 1).
    public let height: Double
    /// Device pixels per figure unit in PNG output.
    public let scale: Double
    /// Drawn centred above all panels.
    public var title: String?
    /// Panels row by row.
    public let panels: [Panel]

    /// The largest PNG, in pixels, a figure renders (about 8000 x 6000).
    public static let maxPixels = 48_000_000.0

    /// Creates an empty figure with `rows` x `cols` panels.
    public init(rows: Int = 1, cols: Int = 1, width: Double? = nil, height: Double? = nil, scale: Double = 1) throws {
        guard (1...20).contains(rows), (1...20).contains(cols) else {
            throw FigureError("Figure: a grid of \(rows) x \(cols) panels is invalid (expected 1 to 20 rows and columns)")
        }
        let w = width ?? (cols == 1 ? 640 : 380 * Double(cols))
        let h = height ?? (rows == 1 ? 480 : 320 * Double(rows))
        guard w.isFinite, h.isFinite, w >= 50, h >= 50 else {
            throw FigureError("Figure: size \(w) x \(h) is invalid (expected at least 50 x 50)")
        }
        guard scale.isFinite, scale > 0, w * h * scale * scale <= Self.maxPixels else {
            throw FigureError("Figure: scale \(scale) for a \(w) x \(h) figure is invalid (expected a positive scale giving at most \(Int(Self.maxPixels)) pixels)")
        }
        self.rows = rows
        self.cols = cols
        self.width = w
        self.height = h
        self.scale = scale
        panels = (0..<(rows * cols)).map { Panel(row: $0 / cols, column: $0 % cols) }
    }

    /// The panel at `row`, `col` (both from 0).
    public func panel(_ row: Int = 0, _ col: Int = 0) throws -> Panel {
        guard (0..<rows).contains(row), (0..<cols).contains(col) else {
            throw FigureError("Figure.panel: (\(row), \(col)) is outside the \(rows) x \(cols) grid (expected row 0...\(rows - 1), column 0...\(cols - 1))")
        }
        return panels[row * cols + col]
    }

    // MARK: - Output

    /// Renders the figure to a canvas of `width * scale` x `height * scale` pixels.
    public func render() -> Canvas {
        RasterRenderer.render(scene(), scale: scale)
    }

    /// The figure as PNG bytes.
    public func pngBytes() throws -> [UInt8] {
        try render().pngBytes()
    }

    /// The figure as an SVG document.
    public func svg() throws -> String {
        try SVGRenderer.render(scene())
    }

    /// Writes the figure as a PNG file, atomically.
    public func savePNG(_ path: String) throws {
        try AtomicFile.write(pngBytes(), to: path, operation: "Figure.savePNG")
    }

    /// Writes the figure as an SVG file, atomically.
    public func saveSVG(_ path: String) throws {
        try AtomicFile.write(Array(svg().utf8), to: path, operation: "Figure.saveSVG")
    }

    /// Writes a PNG or SVG file, chosen by the extension of `path`.
    public func save(_ path: String) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".png") {
            try savePNG(path)
        } else if lower.hasSuffix(".svg") {
            try saveSVG(path)
        } else {
            throw FigureError("Figure.save: cannot tell the format of '\(path)' (expected a name ending in .png or .svg)")
        }
    }

    // MARK: - Layout

    /// Lays the figure out: grid cells, margins shared along rows and columns so that plot
    /// areas line up, then every panel.
    func scene() -> Scene {
        let style = Style.standard
        var scene = Scene(width: width, height: height, background: .white)
        var area = Rect(x: 0, y: 0, width: width, height: height).inset(by: style.figurePad)
        if let title {
            scene.add(.text(TextItem(text: title, position: Point(width / 2, style.figurePad), size: style.figureTitleSize,
                                     color: style.textColor, anchor: .middle, baseline: .top)))
            area = area.inset(top: style.textHeight(style.figureTitleSize) + style.titlePad)
        }
        let gap = style.panelGap
        let cellW = (area.width - gap * Double(cols - 1)) / Double(cols)
        let cellH = (area.height - gap * Double(rows - 1)) / Double(rows)
        let cells = panels.map { p in
            Rect(x: area.minX + Double(p.column) * (cellW + gap), y: area.minY + Double(p.row) * (cellH + gap),
                 width: cellW, height: cellH)
        }
        let layouts = zip(panels, cells).map { $0.layout(cell: $1, style: style) }
        var left = [Double](repeating: 0, count: cols), right = left
        var top = [Double](repeating: 0, count: rows), bottom = top
        for (p, layout) in zip(panels, layouts) {
            left[p.column] = max(left[p.column], layout.margins.left)
            right[p.column] = max(right[p.column], layout.margins.right)
            top[p.row] = max(top[p.row], layout.margins.top)
            bottom[p.row] = max(bottom[p.row], layout.margins.bottom)
        }
        for (i, p) in panels.enumerated() {
            let inner = cells[i].inset(left: left[p.column], top: top[p.row], right: right[p.column], bottom: bottom[p.row])
            // Whole units keep spines and cell edges sharp; tiny figures still get a drawable area.
            let x0 = inner.minX.rounded(), y0 = inner.minY.rounded()
            let plot = Rect(x: x0, y: y0, width: max(4, inner.maxX.rounded() - x0), height: max(4, inner.maxY.rounded() - y0))
            layouts[i].draw(in: plot, into: &scene)
        }
        return scene
    }
}
