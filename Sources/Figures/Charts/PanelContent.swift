/// What a panel shows. A panel holds line and scatter series together, or one bar chart,
/// heatmap, image or image grid.
enum PanelContent {
    case empty
    case xy([Series])
    case bars(BarChart)
    case heatmap(HeatmapChart)
    case image(ImageChart)
    case imageGrid(ImageGridChart)

    /// How error messages name the content.
    var description: String {
        switch self {
        case .empty: "nothing"
        case .xy: "line or scatter plots"
        case .bars: "a bar chart"
        case .heatmap: "a heatmap"
        case .image: "an image"
        case .imageGrid: "an image grid"
        }
    }
}

/// A series on numeric x and y axes.
enum Series {
    case line(LineSeries)
    case scatter(ScatterSeries)

    var x: [Double] {
        switch self {
        case .line(let s): s.x
        case .scatter(let s): s.x
        }
    }

    var y: [Double] {
        switch self {
        case .line(let s): s.y
        case .scatter(let s): s.y
        }
    }

    /// The series with its coordinates mapped through the axes' scales.
    func transformed(x xScale: AxisScale, y yScale: AxisScale) -> Series {
        switch self {
        case .line(var s):
            s.x = s.x.map(xScale.transform)
            s.y = s.y.map(yScale.transform)
            return .line(s)
        case .scatter(var s):
            s.x = s.x.map(xScale.transform)
            s.y = s.y.map(yScale.transform)
            return .scatter(s)
        }
    }
}

struct LineSeries {
    var x: [Double]
    var y: [Double]
    var label: String?
    var color: Color
    var width: Double
    var style: LineStyle
    var marker: Marker?
}

struct ScatterSeries {
    var x: [Double]
    var y: [Double]
    var pointLabels: [String]?
    var label: String?
    var color: Color
    var marker: Marker
    var radius: Double
}

struct BarChart {
    struct Group {
        var name: String
        var values: [Double]
        var color: Color
    }

    var categories: [String]
    var series: [Group]
    var valueLabels: Bool
}

struct HeatmapChart {
    var values: [[Double]]
    var rowLabels: [String]?
    var colLabels: [String]?
    var annotate: Bool
    var cmap: ColorMap
    var range: ClosedRange<Double>?
    var colorBar: Bool
    var colorBarLabel: String?
}

struct ImageChart {
    var image: FigureImage
    var cmap: ColorMap
    var range: ClosedRange<Double>?
    var colorBar: Bool
    var colorBarLabel: String?
}

struct ImageGridChart {
    var images: [FigureImage]
    var captions: [String]?
    var columns: Int
    var cmap: ColorMap
    var range: ClosedRange<Double>?
}
