import Foundation
import Learning
import Tensors

extension Model {
    /// Loads a model from a safetensors file.
    ///
    /// A Recast file carries its card in the metadata. A plain PyTorch `nn.Sequential` state dict
    /// saved with the safetensors package loads too, given its architecture spec and input shape
    /// (class names default to "0", "1", …).
    /// - Throws: file format errors, and ``HubError`` when a parameter is missing, unexpected or
    ///   shaped differently from the architecture.
    public static func load(
        path: String, architecture: String? = nil, inputShape: [Int]? = nil, name: String? = nil
    ) throws -> Model {
        let file = try SafeTensorsFile.read(path: path)
        var metadata = file.metadata
        if metadata["recast.architecture"] == nil {
            guard let architecture, let inputShape else {
                throw HubError(
                    "\(path): no Recast metadata; to load a plain state dict give its architecture and input_shape")
            }
            let network = try Architecture.parse(architecture)
            let classes = network.outputSize ?? 0
            let card = ModelCard(
                name: name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                architecture: architecture, sourceTask: "imported from \(path)",
                classNames: (0..<classes).map(String.init), inputShape: inputShape)
            metadata = card.metadata
        }
        var card = try ModelCard(metadata: metadata, file: path)
        if let name { card.name = name }
        let network = try Architecture.parse(card.architecture)
        try assign(file.tensors, to: network, file: path)
        return try Model(card: card, network: network)
    }

    /// Writes the model (weights and card) as a safetensors file, atomically.
    public func save(path: String) throws {
        var tensors: [String: Tensor] = [:]
        for (name, parameter) in network.namedParameters { tensors[name] = parameter.value }
        try SafeTensorsFile(tensors: tensors, metadata: card.metadata).write(path: path)
    }

    /// Copies `tensors` into the network's parameters, by PyTorch name, checking every shape.
    static func assign(_ tensors: [String: Tensor], to network: Sequential, file: String) throws {
        let named = network.namedParameters
        let expected = Set(named.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !expected.contains($0) }) {
            throw HubError(
                "\(file): unexpected tensor '\(extra)' for the architecture (expected \(named.map(\.name).joined(separator: ", ")))")
        }
        for (name, parameter) in named {
            guard let value = tensors[name] else {
                throw HubError("\(file): missing tensor '\(name)' for the architecture")
            }
            guard value.shape == parameter.value.shape else {
                throw HubError(
                    "\(file): tensor '\(name)' has shape \(value.shape), the architecture expects \(parameter.value.shape)")
            }
            parameter.value = value
        }
    }
}
