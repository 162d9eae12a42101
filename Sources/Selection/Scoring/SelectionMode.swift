import ModelHub

/// How selection reads each model: through its features, only through its output
/// probabilities, or each model as its access allows.
public enum SelectionMode: String, Sendable, CaseIterable {
    /// Every model is read white-box (features); a black-box model is an error.
    case whiteBox = "white-box"
    /// Every model is read only through output probabilities, as counted queries; feature
    /// metrics then score the probabilities as features (METHODS.md §1's extension).
    case blackBox = "black-box"
    /// White-box models through their features, black-box models through probabilities.
    case auto

    /// Looks a mode up by name (`white-box`, `black-box`, `auto`).
    /// - Throws: ``SelectionError`` naming the known modes.
    public init(name: String) throws {
        guard let mode = SelectionMode(rawValue: name) else {
            let known = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw SelectionError("select: unknown mode \"\(name)\" (expected one of \(known))")
        }
        self = mode
    }

    /// The access selection uses for `model` in this mode.
    /// - Throws: ``SelectionError`` when the mode is white-box and the model is a black box.
    func access(for model: SourceModel, operation: String) throws -> ModelAccess {
        switch self {
        case .blackBox: return .blackBox
        case .auto: return model.access
        case .whiteBox:
            guard model.access == .whiteBox else {
                throw SelectionError(
                    "\(operation): model '\(model.name)' is a black box, but mode \"white-box\" needs its features "
                        + "(use mode \"auto\" or \"black-box\" to score its output probabilities)")
            }
            return .whiteBox
        }
    }
}
