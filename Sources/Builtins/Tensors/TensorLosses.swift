import Language
import Tensors

/// Loss built-ins for classification and regression, and one-hot labels.
enum TensorLosses {
    nonisolated(unsafe) private static let logits = ParameterSpec("logits", types: ["tensor", "param"], doc: "batch × classes scores")
    nonisolated(unsafe) private static let labels = ParameterSpec(
        "labels", types: ["list", "tensor"], doc: "one class per row: a list of integers or a tensor of whole numbers")

    nonisolated(unsafe) static let functions: [NativeFunction] = [
        TensorBuiltin.make(
            BuiltinSpec(
                name: "cross_entropy", parameters: [logits, labels],
                summary: "The mean cross-entropy between softmax(logits) and the labels (PyTorch's cross_entropy).",
                example: "print(cross_entropy(tensor([[0, 0]]), [1]))  # 0.6931")
        ) { args in .tensor(try crossEntropy(logits: try args.tensor(0), labels: try args.integers(1))) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "focal_loss",
                parameters: [
                    logits, labels,
                    ParameterSpec("gamma", defaultValue: .number(2), types: ["number"], doc: "the focusing exponent; 0 gives cross-entropy"),
                ],
                summary: "The mean focal loss -(1 - p)^gamma · log p of each row's label (Lin et al., 2017).",
                example: "print(focal_loss(tensor([[0, 0]]), [1]))  # 0.1733")
        ) { args in
            .tensor(try focalLoss(logits: try args.tensor(0), labels: try args.integers(1), gamma: try args.float(2)))
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "nll_loss",
                parameters: [ParameterSpec("log_probs", types: ["tensor", "param"], doc: "batch × classes log-probabilities"), labels],
                summary: "The mean of -log_probs[i, labels[i]] (PyTorch's nll_loss; use after log_softmax).",
                example: "print(nll_loss(tensor([[-1, -2]]), [1]))  # 2")
        ) { args in .tensor(try nllLoss(logProbs: try args.tensor(0), labels: try args.integers(1))) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "mse_loss",
                parameters: [
                    ParameterSpec("prediction", types: ["tensor", "param", "number"], doc: "the predicted values"),
                    ParameterSpec("target", types: ["tensor", "param", "number", "list"], doc: "the wanted values (broadcast)"),
                ],
                summary: "The mean squared difference between prediction and target.",
                example: "print(mse_loss(tensor([1, 2]), tensor([1, 4])))  # 2")
        ) { args in .tensor(try (try args.tensor(0) - (try args.tensor(1))).square().mean()) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "one_hot",
                parameters: [labels, ParameterSpec("classes", types: ["integer"], doc: "the number of classes")],
                summary: "A len(labels) × classes tensor with a 1 at each row's label.",
                example: "print(one_hot([2, 0], 3))\n# [[0, 0, 1],\n#  [1, 0, 0]]")
        ) { args in
            let labels = try args.integers(0), classes = try args.int(1)
            try TensorConversion.checkCount(of: [labels.count, classes], op: "one_hot")
            return .tensor(try oneHot(labels, classes: classes))
        },
    ]
}
