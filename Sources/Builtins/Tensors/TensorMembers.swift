import Language
import Tensors

/// The members every tensor (and every parameter) has: read-only properties, and the methods of
/// ``TensorMethods`` bound to the object.
enum TensorMembers {
    /// A property: its name, one line about it, and how it reads the tensor.
    struct Property {
        let name: String
        let summary: String
        let value: @Sendable (Tensor) -> Value
    }

    static let properties: [Property] = [
        Property(name: "shape", summary: "the size of each axis, as a list") { .list($0.shape.map { .int($0) }) },
        Property(name: "ndim", summary: "the number of axes") { .int($0.rank) },
        Property(name: "size", summary: "the number of elements") { .int($0.count) },
        Property(name: "dtype", summary: "the element type, always \"float32\"") { _ in .string("float32") },
        Property(name: "T", summary: "the axes in reverse order (a matrix transposed)") { .tensor($0.transposed()) },
        Property(name: "requires_grad", summary: "whether it depends on a param (so backward() reaches one)") {
            .bool($0.isTracked)
        },
    ]

    /// The methods by name.
    nonisolated(unsafe) static let methods: [String: NativeFunction] = Dictionary(
        uniqueKeysWithValues: TensorMethods.all.map { ($0.spec.name, $0) })

    /// Every member name, properties first.
    static let names: [String] = properties.map(\.name) + TensorMethods.all.map(\.spec.name)

    /// The property or bound method `name` of `object`, nil when there is none.
    static func member(named name: String, of object: any TensorBacked) -> Value? {
        if let property = properties.first(where: { $0.name == name }) { return property.value(object.operand) }
        return methods[name].map { .native($0.bound(to: .host(object))) }
    }

    /// What `help(t)` prints: the tensor's shape, then each property and method in one line.
    static func help(for object: any TensorBacked, extra: [(String, String)] = []) -> String {
        let rows =
            extra + properties.map { ($0.name, $0.summary) }
            + TensorMethods.all.map { (String($0.spec.signature.dropFirst("tensor.".count)), $0.spec.summary) }
        let header = """
            \(object.typeName) of shape \(object.operand.shape) (float32)
            Operators + - * / ** work element-wise with broadcasting, @ is the matrix product,
            comparisons give tensors of 0 and 1; t[i, a:b, nil] indexes as numpy does.

            """
        return header + "\n" + MemberTable.lines(rows)
    }
}
