import Language
import Learning

/// The per-epoch record of a training run (`history`), as `fit` returns it.
final class HistoryObject: HostObject {
    let history: TrainingHistory

    init(_ history: TrainingHistory) {
        self.history = history
    }

    var typeName: String { "history" }

    var description: String {
        guard let last = history.epochs.last else {
            return history.interrupted ? "history: interrupted before the first epoch ended" : "history: no epochs"
        }
        var text = "history: \(history.epochs.count) epochs, loss \(Value.format(last.loss)), accuracy \(Value.format(last.accuracy))"
        if let validation = last.validationAccuracy { text += ", validation accuracy \(Value.format(validation))" }
        if history.interrupted { text += " (interrupted)" }
        return text
    }

    var memberNames: [String] { ["epochs", "loss", "accuracy", "val_accuracy", "interrupted", "samples_per_second"] }

    func member(named name: String) throws -> Value? {
        let epochs = history.epochs
        switch name {
        case "epochs":
            return .list(epochs.map { e in
                .record([
                    "epoch": .int(e.epoch), "loss": .number(e.loss), "accuracy": .number(e.accuracy),
                    "val_loss": e.validationLoss.map(Value.number) ?? .nil,
                    "val_accuracy": e.validationAccuracy.map(Value.number) ?? .nil,
                    "lr": .number(Double(e.learningRate)), "seconds": .number(e.seconds),
                ])
            })
        case "loss": return .list(epochs.map { .number($0.loss) })
        case "accuracy": return .list(epochs.map { .number($0.accuracy) })
        case "val_accuracy": return .list(epochs.map { $0.validationAccuracy.map(Value.number) ?? .nil })
        case "interrupted": return .bool(history.interrupted)
        case "samples_per_second": return .number(history.samplesPerSecond)
        default: return nil
        }
    }
}
