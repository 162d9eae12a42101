import Foundation
import Learning
import ModelHub
import Tensors

/// Reprogrammed models as safetensors files: θ (`theta`), the transform's `mask`, the mapping
/// (`mapping.assignment` as I64, Ct×m, or `mapping.weight` and `mapping.bias`), and the rest in
/// the `recast.*` metadata: the source model's name, input shape and classes, style, bound, ε,
/// mapping kind, target class names, optimizer, epochs, seed, queries, history.
extension ReprogramResult {
    /// The metadata value of `recast.kind` for reprogramming files.
    static let fileKind = "reprogram"

    /// Writes θ, the mapping and the settings needed to predict again, atomically.
    public func save(path: String) throws {
        var tensors = ["theta": transform.theta.value, "mask": transform.mask]
        var integers: [String: SafeTensorsFile.IntegerArray] = [:]
        if let layer = mapping.layer {
            tensors["mapping.weight"] = layer.weight.value
            if let bias = layer.bias { tensors["mapping.bias"] = bias.value }
        } else {
            integers["mapping.assignment"] = try SafeTensorsFile.IntegerArray(
                shape: [mapping.targetClasses, mapping.perTarget], values: mapping.assignment.flatMap { $0 })
        }
        let metadata: [String: String] = [
            "recast.kind": ReprogramResult.fileKind,
            "recast.source_model": model.name,
            "recast.source_input_shape": try Self.json(model.card.inputShape),
            "recast.source_classes": String(model.card.classCount),
            "recast.style": transform.style.text,
            "recast.bound": transform.bound.rawValue,
            "recast.epsilon": String(transform.epsilon),
            "recast.mapping": mapping.kind.text,
            "recast.class_names": try Self.json(classNames),
            "recast.optimizer": options.optimizer.rawValue,
            "recast.epochs": String(options.epochs),
            "recast.seed": String(options.seed),
            "recast.queries": try Self.json(queries),
            "recast.history": try Self.json(history),
            "recast.chosen_epoch": String(chosenEpoch),
            "recast.stop_reason": stopReason ?? "",
        ]
        try SafeTensorsFile(tensors: tensors, integers: integers, metadata: metadata).write(path: path)
    }

    /// Reads a result written by ``save(path:)`` and attaches it to `model`, which must be the
    /// source model it was trained on (same name, input shape and classes).
    /// - Throws: file errors, and ``ReprogrammingError`` naming the file and what does not fit.
    public static func load(path: String, model: SourceModel) throws -> ReprogramResult {
        let file = try SafeTensorsFile.read(path: path)
        let m = file.metadata
        func field(_ key: String) throws -> String {
            guard let value = m[key] else {
                throw ReprogrammingError("\(path): metadata has no '\(key)' (expected a reprogrammed model file)")
            }
            return value
        }
        func decode<T: Decodable>(_ key: String, as type: T.Type) throws -> T {
            let text = try field(key)
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = nonConforming
            guard let value = try? decoder.decode(T.self, from: Data(text.utf8)) else {
                throw ReprogrammingError("\(path): metadata '\(key)' is not valid (got \(text.prefix(80)))")
            }
            return value
        }
        func number<T: LosslessStringConvertible>(_ key: String, as type: T.Type) throws -> T {
            guard let value = T(try field(key)) else {
                throw ReprogrammingError("\(path): metadata '\(key)' is not a number (got \(m[key] ?? ""))")
            }
            return value
        }
        func tensor(_ name: String) throws -> Tensor {
            guard let value = file.tensors[name] else { throw ReprogrammingError("\(path): no tensor '\(name)'") }
            return value
        }
        guard m["recast.kind"] == fileKind else {
            throw ReprogrammingError("\(path): not a reprogrammed model file (recast.kind is '\(m["recast.kind"] ?? "missing")')")
        }
        let expected = (try field("recast.source_model"), try decode("recast.source_input_shape", as: [Int].self),
                        try number("recast.source_classes", as: Int.self))
        guard expected == (model.name, model.card.inputShape, model.card.classCount) else {
            throw ReprogrammingError(
                "\(path): trained on model '\(expected.0)' (input \(expected.1), \(expected.2) classes), got '\(model.name)' (input \(model.card.inputShape), \(model.card.classCount) classes)")
        }
        var options = ReprogramOptions()
        options.style = try InputTransform.Style(text: try field("recast.style"))
        guard let bound = InputTransform.Bound(rawValue: try field("recast.bound")) else {
            throw ReprogrammingError("\(path): unknown bound '\(m["recast.bound"] ?? "")'")
        }
        options.bound = bound
        options.epsilon = try number("recast.epsilon", as: Float.self)
        options.mapping = try LabelMapping.Kind(text: try field("recast.mapping"))
        guard let optimizer = ReprogramOptions.OptimizerKind(rawValue: try field("recast.optimizer")) else {
            throw ReprogrammingError("\(path): unknown optimizer '\(m["recast.optimizer"] ?? "")'")
        }
        options.optimizer = optimizer
        options.epochs = try number("recast.epochs", as: Int.self)
        options.seed = try number("recast.seed", as: UInt64.self)
        if options.style == .full { options.mask = try tensor("mask") }
        let classNames = try decode("recast.class_names", as: [String].self)
        let transform = try InputTransform(
            style: options.style, bound: options.bound, sourceShape: model.card.inputShape, mask: options.mask,
            epsilon: options.epsilon)
        let theta = try tensor("theta")
        guard theta.shape == transform.sourceShape else {
            throw ReprogrammingError("\(path): theta has shape \(theta.shape), expected \(transform.sourceShape)")
        }
        transform.theta.value = theta
        let mapping = try LabelMapping(
            kind: options.mapping, sourceClasses: model.card.classCount, targetClasses: classNames.count)
        if mapping.layer != nil {
            try mapping.restore(.init(assignment: [], values: [try tensor("mapping.weight"), try tensor("mapping.bias")]))
        } else {
            guard let saved = file.integers["mapping.assignment"], saved.shape == [classNames.count, mapping.perTarget]
            else {
                throw ReprogrammingError(
                    "\(path): expected an integer tensor 'mapping.assignment' of shape [\(classNames.count), \(mapping.perTarget)]")
            }
            let rows = stride(from: 0, to: saved.values.count, by: mapping.perTarget).map {
                Array(saved.values[$0..<($0 + mapping.perTarget)])
            }
            try mapping.restore(.init(assignment: rows, values: []))
        }
        let result = ReprogramResult(
            model: model, transform: transform, mapping: mapping, options: options, classNames: classNames,
            queries: try decode("recast.queries", as: QueryCounts.self))
        result.history = try decode("recast.history", as: [ReprogramEpoch].self)
        result.chosenEpoch = try number("recast.chosen_epoch", as: Int.self)
        result.stopReason = m["recast.stop_reason"].flatMap { $0.isEmpty ? nil : $0 }
        return result
    }

    /// A diverged loss (inf, nan) is written as a string, so the history always saves.
    private static let nonConforming = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
