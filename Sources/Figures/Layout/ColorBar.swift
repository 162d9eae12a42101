/// A colour bar: the colour map as a vertical gradient beside a heatmap or image, with ticks
/// and labels at nice numbers on its right and an optional label.
struct ColorBar {
    let cmap: ColorMap
    let range: ClosedRange<Double>
    let label: String?
    let style: Style
    let ticks: AxisTicks
    let labelWidth: Double

    /// `height` is an estimate of the bar's length, used to choose how many ticks fit.
    init(cmap: ColorMap, range: ClosedRange<Double>, label: String?, style: Style, height: Double) {
        self.cmap = cmap
        self.range = range
        self.label = label
        self.style = style
        let count = min(8, max(2, Int(height / (style.tickLabelSize * 2.6))))
        ticks = AxisTicks(low: range.lowerBound, high: range.upperBound, maxCount: count)
        labelWidth = (ticks.labels + [ticks.multiplier ?? ""]).map { Font.width(of: $0, size: style.tickLabelSize) }.max() ?? 0
    }

    /// The horizontal space the bar takes to the right of the content.
    var width: Double {
        style.colorBarGap + style.colorBarWidth + style.tickLength + style.tickPad + labelWidth
            + (label == nil ? 4 : style.labelPad + style.textHeight(style.axisLabelSize))
    }

    /// The gradient, high values at the top.
    static func gradient(_ cmap: ColorMap, steps: Int = 256) -> ImageItem {
        var rgba: [UInt8] = []
        rgba.reserveCapacity(steps * 4)
        for i in 0..<steps {
            let c = cmap.color(at: 1 - Double(i) / Double(steps - 1))
            rgba += [c.byte(c.red), c.byte(c.green), c.byte(c.blue), c.byte(c.alpha)]
        }
        return ImageItem(width: 1, height: steps, rgba: rgba, rect: Rect(x: 0, y: 0, width: 0, height: 0))
    }

    func draw(beside content: Rect, into scene: inout Scene) {
        let bar = Rect(x: (content.maxX + style.colorBarGap).rounded(), y: content.minY, width: style.colorBarWidth,
                       height: content.height)
        var image = Self.gradient(cmap)
        image.rect = bar
        scene.add(.image(image))
        scene.add(.rect(bar, fill: nil, stroke: StrokeStyle(width: style.spineWidth, color: style.spineColor, snap: true)))
        let fy = AxisMap(low: range.lowerBound, high: range.upperBound, start: bar.maxY, end: bar.minY)
        let tick = StrokeStyle(width: style.tickWidth, color: style.spineColor, snap: true)
        let size = style.tickLabelSize
        for (value, text) in zip(ticks.values, ticks.labels) {
            let y = fy(value)
            scene.add(.line([Point(bar.maxX, y), Point(bar.maxX + style.tickLength, y)], tick))
            scene.add(.text(TextItem(text: text, position: Point(bar.maxX + style.tickLength + style.tickPad, y), size: size,
                                     color: style.textColor, anchor: .start, baseline: .middle)))
        }
        if let multiplier = ticks.multiplier {
            scene.add(.text(TextItem(text: multiplier, position: Point(bar.minX, bar.minY - 4), size: size,
                                     color: style.textColor, anchor: .start, baseline: .bottom)))
        }
        if let label {
            let x = bar.maxX + style.tickLength + style.tickPad + labelWidth + style.labelPad
            scene.add(.text(TextItem(text: label, position: Point(x, bar.midY), size: style.axisLabelSize,
                                     color: style.textColor, anchor: .middle, baseline: .top, rotation: 90)))
        }
    }
}
