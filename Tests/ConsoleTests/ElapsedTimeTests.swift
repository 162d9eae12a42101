import Testing

@testable import Console

@Suite struct ElapsedTimeTests {
    @Test func testElapsedTime_formatPicksUnitAndThreeDigits() {
        #expect(ElapsedTime.format(0.000_85) == "850 µs")
        #expect(ElapsedTime.format(0.012_34) == "12.3 ms")
        #expect(ElapsedTime.format(0.999_7) == "1 s")
        #expect(ElapsedTime.format(4.561) == "4.56 s")
        #expect(ElapsedTime.format(125) == "2 min 5 s")
    }

    @Test func testElapsedTime_measureReturnsResultAndDuration() {
        let (value, seconds) = ElapsedTime.measure { (1...1000).reduce(0, +) }
        #expect(value == 500_500)
        #expect(seconds >= 0 && seconds < 1)
    }
}
