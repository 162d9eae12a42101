/// One recorded operation in the autodiff graph (micrograd's `_prev` and `_backward`, on tensors).
///
/// A node knows its parents and a pullback that maps the gradient of its output to a gradient for
/// each parent (`nil` for a parent that needs none). Leaves belong to a ``Parameter``.
final class GradNode {
    let parents: [GradNode]
    let pullback: (Tensor) throws -> [Tensor?]
    /// The parameter this node stands for, when it is a leaf.
    weak var parameter: Parameter?

    init(parents: [GradNode], pullback: @escaping (Tensor) throws -> [Tensor?]) {
        self.parents = parents
        self.pullback = pullback
        self.parameter = nil
    }

    init(leaf parameter: Parameter) {
        self.parents = []
        self.pullback = { _ in [] }
        self.parameter = parameter
    }
}

extension Tensor {
    /// Attaches `pullback` to `result` when grad mode is on and any input is tracked.
    ///
    /// Every differentiable op ends with this call: the pullback receives the gradient of the
    /// output and returns one gradient per input, in order, shaped like that input (or `nil`).
    /// Pullbacks run in no-grad mode, so they may use any op freely.
    public static func record(
        _ result: Tensor, inputs: [Tensor], pullback: @escaping (Tensor) throws -> [Tensor?]
    ) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.node != nil }) else { return result }
        let parents = inputs.map { $0.node }
        let live = parents.compactMap { $0 }
        let node = GradNode(parents: live) { grad in
            let grads = try pullback(grad)
            // Keep only the gradients of inputs that are tracked, matching `live`.
            return zip(parents, grads).compactMap { parent, g in parent == nil ? nil : .some(g) }
        }
        return Tensor(unchecked: result.shape, result.scalars, node: node)
    }

    /// Computes the gradient of this scalar with respect to every parameter it depends on, and
    /// adds it into each parameter's `grad` (gradients accumulate until ``Parameter/zeroGrad()``).
    /// - Throws: ``TensorError`` when the tensor is not a one-element tensor or is not tracked.
    public func backward() throws {
        guard count == 1 else {
            throw TensorError("backward", "expected a scalar loss, got shape \(shape)")
        }
        guard let root = node else {
            throw TensorError(
                "backward", "this value does not depend on any parameter (nothing to differentiate)")
        }
        try withNoGrad {
            let order = GradNode.topologicalOrder(from: root)
            var grads: [ObjectIdentifier: Tensor] = [
                ObjectIdentifier(root): Tensor(unchecked: shape, [1])
            ]
            for node in order.reversed() {
                guard let grad = grads.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                if let parameter = node.parameter {
                    try parameter.accumulate(grad)
                    continue
                }
                let parentGrads = try node.pullback(grad)
                for (parent, g) in zip(node.parents, parentGrads) {
                    guard let g else { continue }
                    let key = ObjectIdentifier(parent)
                    if let existing = grads[key] {
                        grads[key] = try existing + g
                    } else {
                        grads[key] = g
                    }
                }
            }
        }
    }
}

extension GradNode {
    /// Nodes reachable from `root`, each after all of its parents (iterative, so deep graphs such
    /// as long recurrences do not overflow the stack).
    static func topologicalOrder(from root: GradNode) -> [GradNode] {
        var order: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GradNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                let parent = node.parents[next]
                if visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
