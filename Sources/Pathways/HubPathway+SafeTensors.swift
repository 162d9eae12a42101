import Foundation
import ModelHub
import Tensors

extension HubPathway {
    /// One hub model as a pathway file names it.
    public struct ModelReference: Codable, Equatable, Sendable {
        public var name: String
        /// `white-box` or `black-box`.
        public var access: String
    }

    /// The value of the `recast.kind` metadata key of a pathway file.
    public static let fileKind = "hub-pathway"

    /// Writes the pathway as a safetensors file, atomically: the generator (`generator.*`), the
    /// heads (`experts.<i>.head.*`) and fine-tuned models' weights (`experts.<i>.model.*`), with
    /// metadata naming the hub models, the options, the classes, the input shape and the history.
    /// The hub models themselves are not stored: loading finds them by name.
    public func save(path: String) throws {
        var tensors: [String: Tensor] = [:]
        for (name, parameter) in network.generator?.namedParameters ?? [] {
            tensors["generator.\(name)"] = parameter.value
        }
        for (i, expert) in network.experts.enumerated() {
            for (name, parameter) in expert.head.namedParameters {
                tensors["experts.\(i).head.\(name)"] = parameter.value
            }
            if expert.finetune, let model = expert.model {
                for (name, parameter) in model.network.namedParameters {
                    tensors["experts.\(i).model.\(name)"] = parameter.value
                }
            }
        }
        let references = network.experts.map { ModelReference(name: $0.source.name, access: $0.source.access.rawValue) }
        var metadata = [
            "recast.kind": HubPathway.fileKind,
            "recast.pathway.models": try HubPathway.json(references),
            "recast.pathway.options": try HubPathway.json(options),
            "recast.pathway.class_names": try HubPathway.json(classNames),
            "recast.pathway.input_shape": try HubPathway.json(network.inputShape),
            "recast.pathway.history": try HubPathway.json(history),
        ]
        if let trainingRouting {
            metadata["recast.pathway.training_routing"] = try HubPathway.json(trainingRouting)
        }
        try SafeTensorsFile(tensors: tensors, metadata: metadata).write(path: path)
    }

    /// Reads a pathway file; `models` supplies each hub model the file names (by name and
    /// access), e.g. from a ``ModelLibrary``.
    /// - Throws: file errors; ``PathwayError`` when the file is not a pathway, a tensor is
    ///   missing, unexpected or of the wrong shape (e.g. the library's model changed).
    public static func load(
        path: String, models: (ModelReference) throws -> SourceModel
    ) throws -> HubPathway {
        let file = try SafeTensorsFile.read(path: path)
        guard file.metadata["recast.kind"] == fileKind else {
            throw PathwayError(
                "\(path): not a pathway file (expected metadata recast.kind = \(fileKind), got \(file.metadata["recast.kind"] ?? "none"))")
        }
        func field<T: Decodable>(_ key: String, as type: T.Type) throws -> T {
            guard let text = file.metadata[key] else {
                throw PathwayError("\(path): metadata has no '\(key)'")
            }
            do {
                let decoder = JSONDecoder()
                decoder.nonConformingFloatDecodingStrategy = HubPathway.nonFinite.decoding
                return try decoder.decode(T.self, from: Data(text.utf8))
            } catch {
                throw PathwayError("\(path): metadata '\(key)' is not valid (got \(text.prefix(80)))")
            }
        }
        let references = try field("recast.pathway.models", as: [ModelReference].self)
        let options = try field("recast.pathway.options", as: PathwayOptions.self)
        let classNames = try field("recast.pathway.class_names", as: [String].self)
        let inputShape = try field("recast.pathway.input_shape", as: [Int].self)
        let network = try PathwayModel(
            models: try references.map(models), classes: classNames.count, inputShape: inputShape, options: options)
        var expected: [(String, Parameter)] = []
        for (name, parameter) in network.generator?.namedParameters ?? [] {
            expected.append(("generator.\(name)", parameter))
        }
        for (i, expert) in network.experts.enumerated() {
            expected += expert.head.namedParameters.map { ("experts.\(i).head.\($0.name)", $0.parameter) }
            if expert.finetune, let model = expert.model {
                expected += model.network.namedParameters.map { ("experts.\(i).model.\($0.name)", $0.parameter) }
            }
        }
        let names = Set(expected.map(\.0))
        if let extra = file.tensors.keys.sorted().first(where: { !names.contains($0) }) {
            throw PathwayError("\(path): unexpected tensor '\(extra)' for this pathway")
        }
        for (name, parameter) in expected {
            guard let value = file.tensors[name] else { throw PathwayError("\(path): missing tensor '\(name)'") }
            guard value.shape == parameter.value.shape else {
                throw PathwayError(
                    "\(path): tensor '\(name)' has shape \(value.shape), the pathway over these models expects \(parameter.value.shape)")
            }
            parameter.value = value
        }
        let result = HubPathway(
            network: network, classNames: classNames,
            history: try field("recast.pathway.history", as: [PathwayEpoch].self))
        if file.metadata["recast.pathway.training_routing"] != nil {
            result.trainingRouting = try field("recast.pathway.training_routing", as: RoutingStatistics.self)
        }
        return result
    }

    /// Reads a pathway file, taking its hub models from `library` (black boxes as fresh
    /// black-box views with their own ledgers).
    public static func load(path: String, library: ModelLibrary) throws -> HubPathway {
        try load(path: path) { reference in
            switch ModelAccess(rawValue: reference.access) {
            case .whiteBox: return try library.model(named: reference.name)
            case .blackBox: return try library.blackBox(named: reference.name)
            case nil:
                throw PathwayError(
                    "\(path): model '\(reference.name)' has access '\(reference.access)' (expected white-box or black-box)")
            }
        }
    }

    /// A diverged run's NaN losses are written as strings rather than refused.
    static let nonFinite = (
        encoding: JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"),
        decoding: JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"))

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = nonFinite.encoding
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
