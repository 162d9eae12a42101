import Foundation
import Testing

@testable import Datasets

@Suite final class CSVTests {
    let folder: URL
    init() throws { folder = try temporaryFolder() }
    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` to a file in the test folder and returns its path.
    func file(_ name: String, _ text: String, gzip: Bool = false) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try write(Array(text.utf8), to: path, gzip: gzip)
        return path
    }

    @Test func testCSV_labelLastByDefault() throws {
        let path = try file("small.csv", "1,2,3,4,0\n5,6,7,8,2\r\n\n9,10,11,12,1\n")
        let data = try CSV.readDataset(path: path)
        #expect(data.inputs.shape == [3, 4])
        #expect(data.inputs.scalars == (1...12).map(Float.init))
        #expect(data.labels == [0, 2, 1])
        #expect(data.classNames == ["0", "1", "2"])
        #expect(data.name == "small")
        #expect(data.provenance == "CSV \(path), label column -1")
    }

    @Test func testCSV_shapeScaleLabelColumnHeader() throws {
        let path = try file("first.csv", "label,a,b,c,d\n3, 0,16,8,4\n1,16,16,0,0\n")
        let data = try CSV.readDataset(path: path, labelColumn: 0, shape: [1, 2, 2], scale: 1.0 / 16, header: true, name: "tiny")
        #expect(data.inputs.shape == [2, 1, 2, 2])
        #expect(data.inputs.scalars == [0, 1, 0.5, 0.25, 1, 1, 0, 0])
        #expect(data.labels == [3, 1])
        #expect(data.name == "tiny")
        let negative = try CSV.readDataset(path: path, labelColumn: -5, header: true)
        #expect(negative.labels == data.labels)
    }

    @Test func testCSV_gzipDetectedByMagic() throws {
        let path = try file("packed.data", "1,2,1\n3,4,0\n", gzip: true)
        let data = try CSV.readDataset(path: path)
        #expect(data.inputs.scalars == [1, 2, 3, 4])
        #expect(data.labels == [1, 0])
    }

    @Test func testCSV_namedAndFractionalLabels() throws {
        let named = try CSV.readDataset(path: try file("iris.csv", "5.1,3.5,setosa\n7.0,3.2,\"versicolor\"\n6.3,3.3,setosa\n"))
        #expect(named.classNames == ["setosa", "versicolor"])
        #expect(named.labels == [0, 1, 0])
        let floats = try CSV.readDataset(path: try file("floats.csv", "1,10.0\n2,2.0\n"))
        #expect(floats.labels == [10, 2])
        #expect(floats.classCount == 11)
        let signed = try CSV.readDataset(path: try file("signed.csv", "1,1\n2,-1\n3,10\n4,-1\n"))
        #expect(signed.classNames == ["-1", "1", "10"])
        #expect(signed.labels == [1, 0, 2, 0])
    }

    @Test func testCSV_malformed() throws {
        let text = try file("text.csv", "1,2,0\n3,x4,1\n")
        #expect(throws: DatasetError("csv", "\(text):2:2: field \"x4\" is not a finite number")) {
            try CSV.readDataset(path: text)
        }
        let ragged = try file("ragged.csv", "1,2,0\n\n3,1\n")
        #expect(throws: DatasetError("csv", "\(ragged):3: 2 fields, expected 3 as on line 1")) {
            try CSV.readDataset(path: ragged)
        }
        let empty = try file("empty.csv", "\n\n")
        #expect(throws: DatasetError("csv", "\(empty): no data rows")) { try CSV.readDataset(path: empty) }
        let small = try file("small.csv", "1,2,0\n")
        #expect(throws: DatasetError("csv", "\(small):1: label column 3 is outside the 3 columns (expected at least one feature column and one label column)")) {
            try CSV.readDataset(path: small, labelColumn: 3)
        }
        #expect(throws: DatasetError("csv", "\(small): shape [1, 3] holds 3 values but each row has 2 features")) {
            try CSV.readDataset(path: small, shape: [1, 3])
        }
        let infinite = try file("inf.csv", "1,inf,0\n")
        #expect(throws: DatasetError("csv", "\(infinite):1:2: field \"inf\" is not a finite number")) {
            try CSV.readDataset(path: infinite)
        }
        #expect(throws: DatasetError("csv", "\(small): scale must be finite, got inf")) {
            try CSV.readDataset(path: small, scale: .infinity)
        }
        #expect(throws: DatasetError("csv", "\(folder.path): cannot be read (a directory)")) {
            try CSV.readDataset(path: folder.path)
        }
    }
}
