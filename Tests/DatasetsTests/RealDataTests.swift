import Foundation
import Testing

@testable import Datasets

/// Reads the real data sets in the folder named by `RECAST_DATA` (e.g. `/work/shared/data`);
/// skipped when it is not set.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RECAST_DATA"] != nil, "RECAST_DATA is not set"))
struct RealDataTests {
    let folder = ProcessInfo.processInfo.environment["RECAST_DATA"] ?? ""

    @Test func testRealData_mnist() throws {
        let mnist = try IDX.readDataset(
            images: "\(folder)/mnist/t10k-images-idx3-ubyte.gz", labels: "\(folder)/mnist/t10k-labels-idx1-ubyte.gz")
        #expect(mnist.inputs.shape == [10_000, 1, 28, 28])
        #expect(Array(mnist.labels.prefix(5)) == [7, 2, 1, 0, 4])
        #expect(mnist.classCounts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        #expect(mnist.inputs.scalars.min() == 0 && mnist.inputs.scalars.max() == 1)
        #expect(mnist.name == "t10k-images-idx3-ubyte")
    }

    @Test func testRealData_digitsCSV() throws {
        let digits = try CSV.readDataset(path: "\(folder)/digits/digits.csv.gz", shape: [1, 8, 8])
        #expect(digits.inputs.shape == [1797, 1, 8, 8])
        #expect(digits.inputs.scalars.min() == 0 && digits.inputs.scalars.max() == 16)
        #expect(digits.classNames == (0...9).map(String.init))
        #expect(digits.classCounts.allSatisfy { (174...183).contains($0) })
        #expect(digits.name == "digits")
    }
}
