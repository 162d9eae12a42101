import Language
import Tensors

/// `t[...]` and `t[...] = v` for tensors, as numpy indexes arrays.
///
/// Each position takes an integer (negative counts from the end; the axis disappears), a slice
/// `a:b:c` or range `a..<b`, `nil` (a new axis of size 1, numpy's `None`), or at most once a list
/// of integers or a vector of whole numbers, which picks those positions along its axis
/// (`x[[2, 0, 2]]`, `x[:, idx]`). Axes left over are taken whole.
enum TensorIndexing {
    /// The name errors about indexing carry.
    static let name = "tensor index"

    /// `tensor[indices]`, differentiable.
    static func get(_ tensor: Tensor, _ indices: [IndexArgument]) throws -> Tensor {
        let (basic, picked) = try resolve(indices)
        do {
            let selected = try tensor.indexed(basic)
            guard let picked else { return selected }
            // The picked axis lands where its position puts it among the axes the result keeps.
            let kept = basic[..<picked.position].filter { if case .at = $0 { return false } else { return true } }
            return try selected.gathered(indices: picked.indices, axis: kept.count)
        } catch {
            throw TensorBuiltin.renamed(error, as: name)
        }
    }

    /// `tensor` with `tensor[indices]` replaced by `value` (broadcast to the selection).
    static func set(_ tensor: Tensor, _ indices: [IndexArgument], to value: Value) throws -> Tensor {
        let (basic, picked) = try resolve(indices)
        guard picked == nil else {
            throw ScriptError("\(name): assignment takes integers, slices and nil, not a list of positions")
        }
        let replacement: Tensor
        if let operand = TensorConversion.operand(value) {
            replacement = operand
        } else if case .list = value {
            replacement = try TensorConversion.tensor(fromNested: value, op: name)
        } else {
            throw ScriptError("\(name): assigned value must be a number or a tensor, got \(value.typeName)")
        }
        do {
            return try tensor.setting(basic, to: replacement)
        } catch {
            throw TensorBuiltin.renamed(error, as: name)
        }
    }

    /// The numpy index entries, with a list of positions replaced by `.all` and returned apart.
    private static func resolve(_ indices: [IndexArgument]) throws -> ([TensorIndex], (position: Int, indices: [Int])?) {
        var basic: [TensorIndex] = []
        var picked: (position: Int, indices: [Int])?
        for (position, index) in indices.enumerated() {
            switch index {
            case .slice(let start, let end, let step):
                basic.append(.range(start: start, end: end, step: step))
            case .value(.nil):
                basic.append(.newAxis)
            case .value(let value):
                if let integer = value.integer {
                    basic.append(.at(integer))
                    continue
                }
                guard let positions = try positions(value) else {
                    let got = value.typeName == "number" ? value.repr : value.typeName
                    throw ScriptError(
                        "\(name): expected an integer, a slice, nil or a list of integers, got \(got)")
                }
                guard picked == nil else {
                    throw ScriptError("\(name): only one position may be a list of integers")
                }
                picked = (position, positions)
                basic.append(.all)
            }
        }
        return (basic, picked)
    }

    /// The integers a list or a vector of whole numbers holds; nil for any other value.
    private static func positions(_ value: Value) throws -> [Int]? {
        switch value {
        case .list(let list):
            return try list.elements.map { element in
                guard let integer = element.integer else {
                    throw ScriptError("\(name): a list of positions holds integers, found \(element.repr)")
                }
                return integer
            }
        case .host(let object as any TensorBacked):
            let tensor = object.operand
            guard tensor.rank == 1 else {
                throw ScriptError("\(name): a tensor of positions must be a vector, got shape \(tensor.shape)")
            }
            return try tensor.scalars.map { scalar in
                guard let integer = Int(exactly: scalar) else {
                    throw ScriptError("\(name): a tensor of positions holds whole numbers, found \(scalar)")
                }
                return integer
            }
        default:
            return nil
        }
    }
}
