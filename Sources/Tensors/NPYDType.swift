/// The element types Recast reads from and writes to NPY files.
///
/// Reading accepts each type in little-endian (`<f4`) and big-endian (`>f4`) byte order and
/// converts big-endian data on the fly; writing always produces the little-endian form numpy
/// itself writes on x86 and ARM (`<f4`, `<f8`, `|u1`, `<i4`, `<i8`).
public enum NPYDType: String, Sendable, CaseIterable {
    case float32, float64, uint8, int32, int64

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .uint8: 1
        case .float32, .int32: 4
        case .float64, .int64: 8
        }
    }

    /// The numpy type string written in headers, e.g. `<f4`.
    public var descr: String {
        switch self {
        case .float32: "<f4"
        case .float64: "<f8"
        case .uint8: "|u1"
        case .int32: "<i4"
        case .int64: "<i8"
        }
    }

    /// Whether elements are integers.
    var isInteger: Bool {
        switch self {
        case .float32, .float64: false
        case .uint8, .int32, .int64: true
        }
    }

    /// The type strings ``NPYDType/parse(_:)`` accepts, for error messages.
    static let accepted = "'<f4', '<f8', '|u1', '<i4', '<i8' (and big-endian '>f4', '>f8', '>i4', '>i8')"

    /// The element type and byte order a numpy type string names, or nil when Recast does not
    /// read that type.
    static func parse(_ descr: String) -> (dtype: NPYDType, bigEndian: Bool)? {
        guard let order = descr.first, "<>|".contains(order) else { return nil }
        let bigEndian = order == ">"
        switch descr.dropFirst() {
        case "f4" where order != "|": return (.float32, bigEndian)
        case "f8" where order != "|": return (.float64, bigEndian)
        case "u1": return (.uint8, false)
        case "i4" where order != "|": return (.int32, bigEndian)
        case "i8" where order != "|": return (.int64, bigEndian)
        default: return nil
        }
    }
}
