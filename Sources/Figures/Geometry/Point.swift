/// A point or vector in figure coordinates (x to the right, y down).
public struct Point: Equatable, Sendable {
    /// Distance to the right of the origin.
    public var x: Double
    /// Distance below the origin.
    public var y: Double

    /// Creates a point.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }

    /// The length of the vector.
    var length: Double { (x * x + y * y).squareRoot() }

    /// The vector turned a quarter to the left of its direction (for y down, visually clockwise).
    var perpendicular: Point { Point(-y, x) }

    func dot(_ other: Point) -> Double { x * other.x + y * other.y }
    func cross(_ other: Point) -> Double { x * other.y - y * other.x }

    /// The vector scaled to unit length; the zero vector stays zero.
    var normalized: Point {
        let l = length
        return l > 0 ? Point(x / l, y / l) : self
    }
}
