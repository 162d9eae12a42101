import Testing
@testable import Figures

@Suite struct FontTests {
    @Test func testFont_everyGlyphLineParses() {
        let lines = GlyphTable.source.split(separator: "\n")
        #expect(Font.characters.count == lines.count)
        for c in "AZaz09%()−×±°μστλαβγ" {
            #expect(Font.characters.contains(c), "missing \(c)")
        }
    }

    @Test func testFont_widthAddsUpAndScales() {
        let a = Font.width(of: "ab", size: 10)
        #expect(abs(a - (Font.width(of: "a", size: 10) + Font.width(of: "b", size: 10))) < 1e-9)
        #expect(abs(Font.width(of: "ab", size: 20) - 2 * a) < 1e-9)
        // Digits share one advance so that tick labels line up.
        #expect(Font.width(of: "1", size: 12) == Font.width(of: "8", size: 12))
        #expect(Font.width(of: "", size: 12) == 0)
    }

    @Test func testFont_textInksOnlyItsBox() {
        var canvas = Canvas(width: 120, height: 40, background: .white)
        canvas.drawText("Hello 42", at: Point(10, 25), size: 14, color: .black)
        let width = Font.width(of: "Hello 42", size: 14)
        var inside = 0.0, outside = 0.0
        for y in 0..<40 {
            for x in 0..<120 {
                let ink = 1 - (canvas.color(x: x, y: y)?.red ?? 1)
                let inBox = Double(x) >= 9 && Double(x) <= 11 + width && y >= 25 - 12 && y <= 25 + 4
                if inBox { inside += ink } else { outside += ink }
            }
        }
        #expect(inside > 40)
        #expect(outside == 0)
    }

    @Test func testFont_rotatedTextRunsUpwards() {
        var canvas = Canvas(width: 40, height: 120, background: .white)
        canvas.drawText("Accuracy", at: Point(20, 60), size: 14, color: .black, anchor: .middle, baseline: .middle, rotation: 90)
        let width = Font.width(of: "Accuracy", size: 14)
        var top = 120, bottom = 0, left = 40, right = 0
        for y in 0..<120 {
            for x in 0..<40 where (canvas.color(x: x, y: y)?.red ?? 1) < 0.5 {
                top = min(top, y); bottom = max(bottom, y); left = min(left, x); right = max(right, x)
            }
        }
        #expect(Double(bottom - top) > width * 0.85)
        #expect(Double(bottom - top) < width + 2)
        #expect(right - left < 17)
    }

    @Test func testFont_unknownCharacterDrawsABox() {
        var canvas = Canvas(width: 30, height: 30, background: .white)
        canvas.drawText("\u{4E2D}", at: Point(5, 22), size: 20, color: .black)
        #expect(Font.width(of: "\u{4E2D}", size: 20) > 0)
        // The box's left side runs from the baseline to the cap height.
        let column = (0..<30).map { x in (8..<20).filter { y in (canvas.color(x: x, y: y)?.red ?? 1) < 0.5 }.count }
        #expect(column.contains { $0 >= 10 })
        // Control characters take no space and draw nothing.
        #expect(Font.width(of: "a\nb", size: 20) == Font.width(of: "ab", size: 20))
    }
}
