import Foundation
import Testing
@testable import Figures

@Suite struct CanvasTests {
    private func close(_ a: Color?, _ b: Color, tolerance: Double = 1.5 / 255) -> Bool {
        guard let a else { return false }
        return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance
            && abs(a.blue - b.blue) <= tolerance && abs(a.alpha - b.alpha) <= tolerance
    }

    @Test func testCanvas_horizontalLineCoversItsRows() {
        var canvas = Canvas(width: 40, height: 20, background: .white)
        canvas.strokePolyline([Point(5, 10), Point(35, 10)], width: 2, color: .black)
        for x in 6..<34 {
            #expect(close(canvas.color(x: x, y: 9), .black))
            #expect(close(canvas.color(x: x, y: 10), .black))
            #expect(close(canvas.color(x: x, y: 8), .white))
            #expect(close(canvas.color(x: x, y: 11), .white))
        }
        // Butt caps end the line at x = 5 and x = 35.
        #expect(close(canvas.color(x: 4, y: 10), .white))
        #expect(close(canvas.color(x: 35, y: 10), .white))
    }

    @Test func testCanvas_halfCoveredPixelIsHalfBlended() {
        var canvas = Canvas(width: 20, height: 20, background: .white)
        canvas.strokePolyline([Point(2, 10), Point(18, 10)], width: 1, color: .black)
        // The 1-px line centred on a pixel edge covers half of rows 9 and 10.
        let gray = Color(gray: 0.5)
        #expect(close(canvas.color(x: 10, y: 9), gray, tolerance: 0.01))
        #expect(close(canvas.color(x: 10, y: 10), gray, tolerance: 0.01))
    }

    @Test func testCanvas_diagonalLineCoverageMatchesItsArea() {
        var canvas = Canvas(width: 60, height: 60, background: .white)
        canvas.strokePolyline([Point(10, 10), Point(50, 50)], width: 3, color: .black)
        var ink = 0.0
        for y in 0..<60 {
            for x in 0..<60 {
                ink += 1 - (canvas.color(x: x, y: y)?.red ?? 1)
            }
        }
        let expected = 3 * (40 * 2.0.squareRoot())
        #expect(abs(ink - expected) < expected * 0.02)
        #expect(close(canvas.color(x: 30, y: 30), .black))
        #expect(close(canvas.color(x: 40, y: 20), .white))
    }

    @Test func testCanvas_alphaBlendsOverBackground() {
        var canvas = Canvas(width: 4, height: 4, background: .white)
        canvas.fillRect(Rect(x: 0, y: 0, width: 4, height: 4), color: Color(red: 1, green: 0, blue: 0, alpha: 0.5))
        #expect(close(canvas.color(x: 1, y: 1), Color(red: 1, green: 0.5, blue: 0.5)))
        var clear = Canvas(width: 2, height: 2, background: .clear)
        clear.fillRect(Rect(x: 0, y: 0, width: 2, height: 2), color: Color(red: 0, green: 0, blue: 1, alpha: 0.25))
        #expect(close(clear.color(x: 0, y: 0), Color(red: 0, green: 0, blue: 1, alpha: 0.25)))
        #expect(!clear.isOpaque)
    }

    @Test func testCanvas_fractionalRectEdgesArePartial() {
        var canvas = Canvas(width: 10, height: 10, background: .white)
        canvas.fillRect(Rect(x: 2.5, y: 2, width: 5, height: 4), color: .black)
        #expect(close(canvas.color(x: 2, y: 3), Color(gray: 0.5), tolerance: 0.01))
        #expect(close(canvas.color(x: 3, y: 3), .black))
        #expect(close(canvas.color(x: 7, y: 3), Color(gray: 0.5), tolerance: 0.01))
        #expect(close(canvas.color(x: 3, y: 6), .white))
    }

    @Test func testCanvas_circleAreaIsPiRSquared() {
        var canvas = Canvas(width: 40, height: 40, background: .white)
        canvas.fillCircle(center: Point(20.3, 19.6), radius: 12, color: .black)
        var ink = 0.0
        for y in 0..<40 {
            for x in 0..<40 {
                ink += 1 - (canvas.color(x: x, y: y)?.red ?? 1)
            }
        }
        #expect(abs(ink - Double.pi * 144) < 2)
    }

    @Test func testCanvas_polygonUsesNonZeroRule() {
        // A pentagram drawn in one stroke winds twice around its centre: non-zero fills it.
        var canvas = Canvas(width: 100, height: 100, background: .white)
        let star = (0..<5).map { i -> Point in
            let t = Double(i * 2) * 2 * Double.pi / 5 - Double.pi / 2
            return Point(50 + 45 * cos(t), 50 + 45 * sin(t))
        }
        canvas.fillPolygon(star, color: .black)
        #expect(close(canvas.color(x: 50, y: 50), .black))
        #expect(close(canvas.color(x: 50, y: 12), .black))
        #expect(close(canvas.color(x: 2, y: 2), .white))
    }

    @Test func testCanvas_clipKeepsOutsideUntouched() {
        var canvas = Canvas(width: 30, height: 30, background: .white)
        canvas.clip = Rect(x: 10, y: 10, width: 10, height: 10)
        canvas.strokePolyline([Point(0, 15), Point(30, 15)], width: 4, color: .black)
        canvas.fillRect(Rect(x: 0, y: 0, width: 30, height: 5), color: .black)
        #expect(close(canvas.color(x: 15, y: 15), .black))
        #expect(close(canvas.color(x: 5, y: 15), .white))
        #expect(close(canvas.color(x: 25, y: 15), .white))
        #expect(close(canvas.color(x: 15, y: 2), .white))
    }

    @Test func testCanvas_imageIsUpscaledNearest() {
        var canvas = Canvas(width: 40, height: 20, background: .white)
        let rgba: [UInt8] = [255, 0, 0, 255, 0, 0, 255, 255]
        canvas.drawImage(rgba: rgba, imageWidth: 2, imageHeight: 1, in: Rect(x: 0, y: 0, width: 40, height: 20))
        #expect(close(canvas.color(x: 19, y: 10), Color(red: 1, green: 0, blue: 0)))
        #expect(close(canvas.color(x: 20, y: 10), Color(red: 0, green: 0, blue: 1)))
        #expect(close(canvas.color(x: 0, y: 0), Color(red: 1, green: 0, blue: 0)))
    }

    @Test func testCanvas_dashesLeaveGaps() {
        var canvas = Canvas(width: 40, height: 10, background: .white)
        canvas.strokePolyline([Point(0, 5), Point(40, 5)], width: 2, color: .black, dash: [6, 4])
        #expect(close(canvas.color(x: 3, y: 4), .black))
        #expect(close(canvas.color(x: 8, y: 4), .white))
        #expect(close(canvas.color(x: 13, y: 4), .black))
    }

    @Test func testCanvas_dotIsDrawnForZeroLengthRoundLine() {
        var canvas = Canvas(width: 10, height: 10, background: .white)
        canvas.strokePolyline([Point(5, 5), Point(5, 5)], width: 4, color: .black, cap: .round)
        #expect(close(canvas.color(x: 5, y: 5), .black))
        #expect(close(canvas.color(x: 0, y: 0), .white))
    }

    @Test func testCanvas_randomShapesNeverDrawOutsideTheClip() {
        var canvas = Canvas(width: 100, height: 100, background: .white)
        canvas.clip = Rect(x: 20, y: 20, width: 60, height: 60)
        var state: UInt64 = 99
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 220 - 60
        }
        for i in 0..<300 {
            let points = (0..<(3 + i % 5)).map { _ in Point(next(), next()) }
            if i % 2 == 0 {
                canvas.fillPolygon(points, color: Color(red: 0, green: 0, blue: 0, alpha: 0.3))
            } else {
                canvas.strokePolyline(points, width: 0.5 + Double(i % 7), color: .black, cap: .round, dash: i % 3 == 0 ? [3, 2] : [])
            }
        }
        for y in 0..<100 {
            for x in 0..<100 where x < 20 || x >= 80 || y < 20 || y >= 80 {
                #expect(canvas.color(x: x, y: y) == .white)
            }
        }
        #expect((canvas.color(x: 50, y: 50)?.red ?? 1) < 1)
    }
}
