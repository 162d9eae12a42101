/// A rectangle of whole device pixels: columns `x0..<x1`, rows `y0..<y1`.
struct PixelBox: Equatable {
    var x0: Int
    var y0: Int
    var x1: Int
    var y1: Int

    var width: Int { x1 - x0 }
    var height: Int { y1 - y0 }
    var isEmpty: Bool { x1 <= x0 || y1 <= y0 }

    /// The pixels that `rect` touches, however little.
    init(covering rect: Rect) {
        x0 = Self.floor(rect.minX)
        y0 = Self.floor(rect.minY)
        x1 = Self.ceil(rect.maxX)
        y1 = Self.ceil(rect.maxY)
    }

    init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// The overlap of two boxes (possibly empty).
    func intersection(_ other: PixelBox) -> PixelBox {
        PixelBox(x0: max(x0, other.x0), y0: max(y0, other.y0), x1: min(x1, other.x1), y1: min(y1, other.y1))
    }

    /// Rounds down, saturating far outside any canvas so that huge or non-finite coordinates
    /// from user data cannot trap.
    private static func floor(_ v: Double) -> Int {
        v.isNaN ? 0 : Int(min(1e9, max(-1e9, v.rounded(.down))))
    }

    private static func ceil(_ v: Double) -> Int {
        v.isNaN ? 0 : Int(min(1e9, max(-1e9, v.rounded(.up))))
    }
}
