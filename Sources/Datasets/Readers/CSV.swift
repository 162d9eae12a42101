import Foundation
import Tensors

/// Reads a dataset from comma-separated values: one sample per line, numeric features and one
/// label column. Gzip-compressed files are recognised by their magic bytes, whatever their name.
///
/// Labels that are all whole numbers in `0..<65536` are class indices (classes named `"0"` up to
/// the largest); other labels are class names, numbered in sorted order (by value when they are
/// numbers, so `-1` and `1` become classes 0 and 1).
///
/// ```swift
/// let digits = try CSV.readDataset(path: "data/digits/digits.csv.gz", shape: [1, 8, 8], scale: 1.0 / 16)
/// ```
public enum CSV {
    /// Reads `path` into a dataset.
    ///
    /// - Parameters:
    ///   - labelColumn: the column holding the label, counted from 0; negative counts from the
    ///     end (-1, the default, is the last column).
    ///   - shape: the shape of one sample, e.g. `[1, 8, 8]`; its element count must equal the
    ///     number of feature columns. By default samples are flat vectors.
    ///   - scale: a factor applied to every feature (e.g. `1 / 16` for values 0–16).
    ///   - header: whether the first line names the columns (and is skipped).
    ///   - name: the dataset name; by default the file name without extensions.
    /// - Throws: ``DatasetError`` naming the file, and the line and column where there is one,
    ///   when the file is missing, empty, ragged, or a feature is not a finite number.
    public static func readDataset(
        path: String, labelColumn: Int = -1, shape: [Int]? = nil, scale: Float? = nil,
        header: Bool = false, name: String? = nil
    ) throws -> Dataset {
        func fail(_ message: String) -> DatasetError { DatasetError("csv", "\(path)\(message)") }
        guard scale?.isFinite ?? true else { throw fail(": scale must be finite, got \(scale ?? 0)") }
        let bytes = try DataFile.read(path, op: "csv")
        var rows = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated()
            .map { (line: $0.offset + 1, fields: fields(of: $0.element)) }
            .filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        if header, !rows.isEmpty { rows.removeFirst() }
        guard let first = rows.first else { throw fail(": no data rows") }
        let columns = first.fields.count
        let label = labelColumn < 0 ? columns + labelColumn : labelColumn
        guard (0..<columns).contains(label), columns >= 2 else {
            throw fail(
                ":\(first.line): label column \(labelColumn) is outside the \(columns) columns "
                    + "(expected at least one feature column and one label column)")
        }
        let sampleShape = shape ?? [columns - 1]
        guard sampleShape.allSatisfy({ $0 > 0 }), sampleShape.product == columns - 1 else {
            throw fail(": shape \(sampleShape) holds \(sampleShape.product) values but each row has \(columns - 1) features")
        }
        var features = [Float]()
        features.reserveCapacity(rows.count * (columns - 1))
        var labelTexts = [String]()
        for row in rows {
            guard row.fields.count == columns else {
                throw fail(":\(row.line): \(row.fields.count) fields, expected \(columns) as on line \(first.line)")
            }
            for (column, field) in row.fields.enumerated() where column != label {
                guard let value = Float(field), value.isFinite else {
                    throw fail(":\(row.line):\(column + 1): field \"\(field)\" is not a finite number")
                }
                features.append(value * (scale ?? 1))
            }
            labelTexts.append(row.fields[label])
        }
        let (labels, classNames) = classes(of: labelTexts)
        return try Dataset(
            name: name ?? String(URL(fileURLWithPath: path).lastPathComponent.prefix { $0 != "." }),
            provenance: "CSV \(path), label column \(labelColumn)" + (scale.map { ", scale \($0)" } ?? ""),
            inputs: Tensor(shape: [rows.count] + sampleShape, scalars: features),
            labels: labels, classNames: classNames)
    }

    /// The comma-separated fields of one line, trimmed of blanks, a carriage return and quotes.
    private static func fields(of line: ArraySlice<UInt8>) -> [String] {
        line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { field in
            let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            var text = field.drop(while: blank)
            while let last = text.last, blank(last) { text = text.dropLast() }
            if text.count >= 2, text.first == UInt8(ascii: "\""), text.last == UInt8(ascii: "\"") {
                text = text.dropFirst().dropLast()
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// Class indices and names for label texts: small whole numbers (`7`, `7.0`) as they are,
    /// otherwise names sorted (by value when they are all numbers).
    private static func classes(of texts: [String]) -> (labels: [Int], names: [String]) {
        let values = texts.compactMap { Double($0) }
        let numbers = values.compactMap { Int(exactly: $0) }
        if numbers.count == texts.count, numbers.allSatisfy({ (0..<Dataset.maxNumberedClasses).contains($0) }) {
            return (numbers, (0..<((numbers.max() ?? -1) + 1)).map(String.init))
        }
        let distinct = Set(texts)
        let names = values.count == texts.count
            ? distinct.sorted { (Double($0) ?? 0, $0) < (Double($1) ?? 0, $1) }
            : distinct.sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (texts.map { index[$0] ?? 0 }, names)
    }
}
