import Language
import Tensors

/// Reading tensor-related arguments, failing in Lua's words (`bad argument #2 to 'zeros'
/// (integer expected, got string)`).
extension Arguments {
    /// The tensor at `index`: a tensor, a parameter's recording tensor, a number (rank 0), or
    /// nested lists of numbers.
    func tensor(_ index: Int) throws -> Tensor {
        let value = self[index]
        if let tensor = TensorConversion.operand(value) { return tensor }
        if case .list = value { return try TensorConversion.tensor(fromNested: value, op: spec.name) }
        throw badArgument(index, "tensor expected, got \(value.typeName)")
    }

    /// The tensor at `index`, or nil when the argument is nil.
    func optionalTensor(_ index: Int) throws -> Tensor? {
        self[index].isNil ? nil : try tensor(index)
    }

    /// The number at `index` as a Float.
    func float(_ index: Int) throws -> Float { Float(try number(index)) }

    /// The axes at `index`: nil for every axis, one integer, or a list of integers.
    func axes(_ index: Int) throws -> [Int]? {
        switch self[index] {
        case .nil: return nil
        case .list(let list): return try integers(list.elements, at: index)
        default: return [try int(index)]
        }
    }

    /// The integers at `index`: a list of integers, or a tensor of whole numbers (class labels,
    /// positions).
    func integers(_ index: Int) throws -> [Int] {
        let value = self[index]
        if case .list(let list) = value { return try integers(list.elements, at: index) }
        if case .range(let range) = value { return try integers(range.values, at: index) }
        guard let tensor = TensorConversion.operand(value), tensor.rank <= 1 else {
            throw badArgument(index, "list of integers expected, got \(value.typeName)")
        }
        return try tensor.scalars.map { scalar in
            guard let integer = Int(exactly: scalar) else {
                throw badArgument(index, "tensor of whole numbers expected, found \(Value.format(TensorConversion.number(scalar)))")
            }
            return integer
        }
    }

    private func integers(_ elements: [Value], at index: Int) throws -> [Int] {
        try elements.map { element in
            guard let integer = element.integer else {
                let got = element.typeName == "number" ? element.repr : element.typeName
                throw badArgument(index, "list of integers expected, found \(got)")
            }
            return integer
        }
    }

    /// A shape from the variadic arguments, `f(2, 3)` or `f([2, 3])`, checked to be
    /// non-negative and of a sensible size.
    func shape() throws -> [Int] {
        try TensorConversion.checkedShape(try dimensions(), op: spec.name)
    }

    /// The integers of the variadic arguments, `f(2, 3)` or `f([2, 3])`, unchecked (a reshape
    /// may hold -1, a transpose negative axes).
    func dimensions() throws -> [Int] {
        let fixed = spec.parameters.count - 1
        let values: [Value]
        if rest.count == 1, case .list(let list) = rest[0] { values = list.elements } else { values = rest }
        return try values.enumerated().map { offset, value in
            guard let integer = value.integer else {
                let position = fixed + (rest.count == 1 ? 0 : offset) + 1
                throw ArgumentError.badArgument(
                    position, to: spec.name, ArgumentError.typeProblem(expected: ["integer"], got: value))
            }
            return integer
        }
    }

    /// The parameters in the list at `index` (for optimizers and gradient clipping).
    func parameters(_ index: Int) throws -> [ParameterObject] {
        let list = try self.list(index)
        return try list.elements.enumerated().map { position, element in
            guard let parameter = element.host(as: ParameterObject.self) else {
                throw badArgument(index, "list of params expected, element \(position) is a \(element.typeName)")
            }
            return parameter
        }
    }
}
