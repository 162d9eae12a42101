import Foundation

/// A 2-D affine map `p ↦ A·p + t` on pixel coordinates (x right, y down).
///
/// Used forward to place synthetic strokes and shapes, and inverted to warp images (each output
/// pixel reads the input at the inverse image of its centre).
struct AffineMap {
    var a: Float, b: Float, c: Float, d: Float
    var tx: Float, ty: Float

    static let identity = AffineMap(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

    /// A counter-clockwise rotation as seen on screen (y points down).
    static func rotation(degrees: Float) -> AffineMap {
        let angle = degrees * .pi / 180
        let (s, co) = (sin(angle), cos(angle))
        return AffineMap(a: co, b: s, c: -s, d: co, tx: 0, ty: 0)
    }

    static func scale(_ sx: Float, _ sy: Float) -> AffineMap {
        AffineMap(a: sx, b: 0, c: 0, d: sy, tx: 0, ty: 0)
    }

    /// A horizontal shear by `degrees`: x moves by `tan(degrees) · y`.
    static func shear(degrees: Float) -> AffineMap {
        AffineMap(a: 1, b: tan(degrees * .pi / 180), c: 0, d: 1, tx: 0, ty: 0)
    }

    static func translation(_ x: Float, _ y: Float) -> AffineMap {
        AffineMap(a: 1, b: 0, c: 0, d: 1, tx: x, ty: y)
    }

    /// The map that applies `self` after `first`.
    func after(_ first: AffineMap) -> AffineMap {
        AffineMap(
            a: a * first.a + b * first.c, b: a * first.b + b * first.d,
            c: c * first.a + d * first.c, d: c * first.b + d * first.d,
            tx: a * first.tx + b * first.ty + tx, ty: c * first.tx + d * first.ty + ty)
    }

    /// The inverse map; nil when the map squashes the plane to a line.
    var inverse: AffineMap? {
        let det = a * d - b * c
        guard det.isFinite, abs(det) > 1e-12 else { return nil }
        let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det)
        return AffineMap(a: ia, b: ib, c: ic, d: id, tx: -(ia * tx + ib * ty), ty: -(ic * tx + id * ty))
    }

    /// How much the map stretches lengths on average (the square root of the area scale).
    var lengthScale: Float { abs(a * d - b * c).squareRoot() }

    func apply(_ p: SIMD2<Float>) -> SIMD2<Float> {
        SIMD2(a * p.x + b * p.y + tx, c * p.x + d * p.y + ty)
    }
}
