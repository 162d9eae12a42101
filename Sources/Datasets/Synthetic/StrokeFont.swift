import Foundation

/// A single-line stroke font for the digits 0–9 and capital letters A–Z.
///
/// Each character is a list of strokes (open polylines) in a unit box: x from 0 (left) to 1,
/// y from 0 (top) to 1 (bottom). Round parts are elliptic arcs sampled every 15°; angles run
/// clockwise as seen (y points down), so 0° is right, 90° bottom, 180° left, 270° top.
/// The shapes follow handwriting more than type: a plain `1`, an open `4`, a looped `6` and
/// `9`, so that the digits look like the MNIST family.
enum StrokeFont {
    typealias Stroke = [SIMD2<Float>]

    /// Each character the font draws, with its strokes, in class order: digits, then letters.
    static let glyphs: [(character: Character, strokes: [Stroke])] = [
        ("0", [arc(0.5, 0.5, 0.28, 0.42, from: 0, to: 360)]),
        ("1", [line((0.3, 0.26), (0.52, 0.08), (0.52, 0.92))]),
        ("2", [arc(0.5, 0.3, 0.26, 0.22, from: 195, to: 380) + line((0.2, 0.92), (0.82, 0.92))]),
        ("3", [arc(0.5, 0.29, 0.24, 0.21, from: 205, to: 450), arc(0.5, 0.71, 0.27, 0.21, from: 270, to: 515)]),
        ("4", [line((0.66, 0.92), (0.66, 0.08), (0.16, 0.66), (0.84, 0.66))]),
        ("5", [line((0.76, 0.08), (0.32, 0.08), (0.28, 0.44)) + arc(0.5, 0.66, 0.27, 0.25, from: 235, to: 510)]),
        ("6", [arc(0.74, 0.68, 0.46, 0.6, from: 258, to: 180) + arc(0.5, 0.7, 0.22, 0.22, from: 180, to: 540)]),
        ("7", [line((0.18, 0.08), (0.82, 0.08), (0.42, 0.92))]),
        ("8", [arc(0.5, 0.29, 0.2, 0.21, from: 0, to: 360), arc(0.5, 0.71, 0.24, 0.21, from: 0, to: 360)]),
        ("9", [arc(0.5, 0.31, 0.22, 0.22, from: 0, to: 360) + arc(0.26, 0.32, 0.46, 0.6, from: 0, to: 80)]),
        ("A", [line((0.15, 0.92), (0.5, 0.08), (0.85, 0.92)), line((0.29, 0.6), (0.71, 0.6))]),
        ("B", [
            line((0.22, 0.92), (0.22, 0.08), (0.52, 0.08)) + arc(0.52, 0.29, 0.22, 0.21, from: 270, to: 450)
                + line((0.22, 0.5)),
            line((0.22, 0.5), (0.55, 0.5)) + arc(0.55, 0.71, 0.25, 0.21, from: 270, to: 450) + line((0.22, 0.92)),
        ]),
        ("C", [arc(0.55, 0.5, 0.34, 0.42, from: 45, to: 315)]),
        ("D", [line((0.22, 0.08), (0.22, 0.92), (0.45, 0.92)) + arc(0.45, 0.5, 0.33, 0.42, from: 90, to: -90) + line((0.22, 0.08))]),
        ("E", [line((0.78, 0.08), (0.22, 0.08), (0.22, 0.92), (0.78, 0.92)), line((0.22, 0.5), (0.68, 0.5))]),
        ("F", [line((0.78, 0.08), (0.22, 0.08), (0.22, 0.92)), line((0.22, 0.5), (0.68, 0.5))]),
        ("G", [line((0.56, 0.55), (0.84, 0.55), (0.84, 0.8)) + arc(0.54, 0.5, 0.34, 0.42, from: 40, to: 320)]),
        ("H", [line((0.2, 0.08), (0.2, 0.92)), line((0.8, 0.08), (0.8, 0.92)), line((0.2, 0.5), (0.8, 0.5))]),
        ("I", [line((0.5, 0.08), (0.5, 0.92)), line((0.3, 0.08), (0.7, 0.08)), line((0.3, 0.92), (0.7, 0.92))]),
        ("J", [line((0.36, 0.08), (0.82, 0.08)), line((0.64, 0.08), (0.64, 0.7)) + arc(0.44, 0.7, 0.2, 0.22, from: 0, to: 165)]),
        ("K", [line((0.22, 0.08), (0.22, 0.92)), line((0.8, 0.08), (0.22, 0.58)), line((0.4, 0.43), (0.82, 0.92))]),
        ("L", [line((0.25, 0.08), (0.25, 0.92), (0.8, 0.92))]),
        ("M", [line((0.15, 0.92), (0.18, 0.08), (0.5, 0.65), (0.82, 0.08), (0.85, 0.92))]),
        ("N", [line((0.2, 0.92), (0.2, 0.08), (0.8, 0.92), (0.8, 0.08))]),
        ("O", [arc(0.5, 0.5, 0.36, 0.42, from: 0, to: 360)]),
        ("P", [line((0.22, 0.92), (0.22, 0.08), (0.52, 0.08)) + arc(0.52, 0.3, 0.24, 0.22, from: 270, to: 450) + line((0.22, 0.52))]),
        ("Q", [arc(0.5, 0.5, 0.36, 0.42, from: 0, to: 360), line((0.58, 0.68), (0.86, 0.96))]),
        ("R", [
            line((0.22, 0.92), (0.22, 0.08), (0.52, 0.08)) + arc(0.52, 0.3, 0.24, 0.22, from: 270, to: 450)
                + line((0.22, 0.52)),
            line((0.46, 0.52), (0.8, 0.92)),
        ]),
        ("S", [arc(0.5, 0.29, 0.25, 0.21, from: 330, to: 90) + arc(0.5, 0.71, 0.27, 0.21, from: 270, to: 510)]),
        ("T", [line((0.15, 0.08), (0.85, 0.08)), line((0.5, 0.08), (0.5, 0.92))]),
        ("U", [line((0.2, 0.08), (0.2, 0.62)) + arc(0.5, 0.62, 0.3, 0.3, from: 180, to: 0) + line((0.8, 0.08))]),
        ("V", [line((0.15, 0.08), (0.5, 0.92), (0.85, 0.08))]),
        ("W", [line((0.1, 0.08), (0.3, 0.92), (0.5, 0.4), (0.7, 0.92), (0.9, 0.08))]),
        ("X", [line((0.18, 0.08), (0.82, 0.92)), line((0.82, 0.08), (0.18, 0.92))]),
        ("Y", [line((0.15, 0.08), (0.5, 0.5), (0.85, 0.08)), line((0.5, 0.5), (0.5, 0.92))]),
        ("Z", [line((0.18, 0.08), (0.82, 0.08), (0.18, 0.92), (0.82, 0.92))]),
    ]

    /// A polyline through the given points.
    private static func line(_ points: (Float, Float)...) -> Stroke {
        points.map { SIMD2($0.0, $0.1) }
    }

    /// An elliptic arc centred at (`cx`, `cy`) with radii `rx`, `ry`, from one angle to another
    /// in degrees (either direction).
    private static func arc(_ cx: Float, _ cy: Float, _ rx: Float, _ ry: Float, from start: Float, to end: Float) -> Stroke {
        let steps = max(Int((abs(end - start) / 15).rounded(.up)), 1)
        return (0...steps).map { step in
            let angle = (start + (end - start) * Float(step) / Float(steps)) * .pi / 180
            return SIMD2(cx + rx * cos(angle), cy + ry * sin(angle))
        }
    }
}
