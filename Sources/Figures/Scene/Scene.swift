/// A figure laid out as drawing primitives, in figure units (logical pixels, y down).
///
/// Charts lay out once into a scene; `RasterRenderer` and `SVGRenderer` draw the same scene, so
/// PNG and SVG output agree.
struct Scene {
    var width: Double
    var height: Double
    var background: Color
    var items: [SceneItem] = []

    mutating func add(_ item: SceneItem) {
        items.append(item)
    }
}

/// One drawing primitive.
indirect enum SceneItem {
    /// An open polyline.
    case line([Point], StrokeStyle)
    /// A closed polygon, filled under the non-zero rule and/or stroked.
    case polygon([Point], fill: Color?, stroke: StrokeStyle?)
    /// An axis-aligned rectangle with optionally rounded corners.
    case rect(Rect, fill: Color?, stroke: StrokeStyle?, cornerRadius: Double = 0, snap: Bool = false)
    case circle(center: Point, radius: Double, fill: Color?, stroke: StrokeStyle?)
    case text(TextItem)
    /// A raster stretched over a rectangle with nearest-neighbour sampling.
    case image(ImageItem)
    /// Items drawn only inside a rectangle.
    case clip(Rect, [SceneItem])
}

/// How a line is drawn.
struct StrokeStyle {
    var width: Double
    var color: Color
    /// On and off lengths in figure units; empty for a solid line.
    var dash: [Double] = []
    var cap: LineCap = .butt
    var join: LineJoin = .round
    /// Axis-aligned lines that should land on whole device pixels (spines, ticks, grid lines).
    var snap = false
}

/// A run of text in the figure font.
struct TextItem {
    var text: String
    var position: Point
    var size: Double
    var color: Color
    var anchor: TextAnchor = .start
    var baseline: TextBaseline = .alphabetic
    /// Degrees counterclockwise.
    var rotation: Double = 0
}

/// RGBA8 pixels (straight alpha) shown over `rect`.
struct ImageItem {
    var width: Int
    var height: Int
    var rgba: [UInt8]
    var rect: Rect
}
