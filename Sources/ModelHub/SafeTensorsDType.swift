/// The element types Recast reads from safetensors files, named as in the file's header.
///
/// Floating-point types become `Float` tensors (F64 and the 16-bit types are converted); integer
/// types become ``SafeTensorsFile/IntegerArray`` values. Recast writes F32 and I64.
enum SafeTensorsDType: String, CaseIterable {
    case f64 = "F64"
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case u64 = "U64"
    case i64 = "I64"
    case u32 = "U32"
    case i32 = "I32"
    case u16 = "U16"
    case i16 = "I16"
    case u8 = "U8"
    case i8 = "I8"

    /// Bytes per element.
    var size: Int {
        switch self {
        case .f64, .u64, .i64: 8
        case .f32, .u32, .i32: 4
        case .f16, .bf16, .u16, .i16: 2
        case .u8, .i8: 1
        }
    }

    /// The accepted names, for error messages.
    static let accepted = allCases.map(\.rawValue).joined(separator: ", ")
}
