/// Space a panel needs around its plot area for ticks, labels, title and colour bar.
struct Margins {
    var left = 0.0
    var top = 0.0
    var right = 0.0
    var bottom = 0.0
}

/// A panel prepared for drawing: it knows its margins before the figure fixes its plot area,
/// so that panels in one row or column can share margins and line up.
protocol PanelLayout {
    var margins: Margins { get }
    func draw(in plot: Rect, into scene: inout Scene)
}

extension Panel {
    /// Lays the panel out for a grid cell of the figure.
    func layout(cell: Rect, style: Style) -> PanelLayout {
        let titles = AxisTitles(title: title, xLabel: xLabel, yLabel: yLabel, style: style)
        switch content {
        case .empty:
            return AxesLayout(panel: self, data: .xy([]), titles: titles, cell: cell, style: style)
        case .xy(let series):
            return AxesLayout(panel: self, data: .xy(series), titles: titles, cell: cell, style: style)
        case .bars(let bars):
            return AxesLayout(panel: self, data: .bars(bars), titles: titles, cell: cell, style: style)
        case .heatmap(let heatmap):
            return HeatmapLayout(chart: heatmap, titles: titles, cell: cell, style: style)
        case .image(let image):
            return ImageLayout(chart: image, titles: titles, style: style)
        case .imageGrid(let grid):
            return ImageGridLayout(chart: grid, titles: titles, style: style)
        }
    }
}

/// Maps data values on one axis to figure coordinates.
struct AxisMap {
    let low: Double
    let high: Double
    let start: Double
    let end: Double

    /// The position of `v`; values far outside the axis stop a million units beyond it, so
    /// that absurd data cannot overflow the geometry downstream.
    func callAsFunction(_ v: Double) -> Double {
        let t = (v - low) / (high - low)
        guard t.isFinite else { return .nan }
        return start + min(1e6, max(-1e6, t)) * (end - start)
    }
}

/// A panel's title and axis labels, placed around its content.
struct AxisTitles {
    let title: String?
    let xLabel: String?
    let yLabel: String?
    let style: Style

    var top: Double { title == nil ? 0 : style.titlePad + style.textHeight(style.titleSize) }
    var left: Double { yLabel == nil ? 0 : style.labelPad + style.textHeight(style.axisLabelSize) }
    var bottom: Double { xLabel == nil ? 0 : style.labelPad + style.textHeight(style.axisLabelSize) }

    /// Draws the title above `content` and the labels outside the given tick label extents.
    func draw(around content: Rect, leftExtent: Double, bottomExtent: Double, topExtent: Double = 0,
              into scene: inout Scene) {
        if let title {
            scene.add(.text(TextItem(text: title, position: Point(content.midX, content.minY - topExtent - style.titlePad),
                                     size: style.titleSize, color: style.textColor, anchor: .middle, baseline: .bottom)))
        }
        if let xLabel {
            let y = content.maxY + bottomExtent + style.labelPad
            scene.add(.text(TextItem(text: xLabel, position: Point(content.midX, y), size: style.axisLabelSize,
                                     color: style.textColor, anchor: .middle, baseline: .top)))
        }
        if let yLabel {
            let x = content.minX - leftExtent - style.labelPad
            scene.add(.text(TextItem(text: yLabel, position: Point(x, content.midY), size: style.axisLabelSize,
                                     color: style.textColor, anchor: .middle, baseline: .bottom, rotation: 90)))
        }
    }
}
