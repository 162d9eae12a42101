import Figures
import Language

/// A figure in the language (`figure`): panels in a grid that charts draw into, saved as PNG or
/// SVG. Its methods are in ``FigureLibrary``.
final class FigureObject: HostObject {
    let figure: Figure

    init(_ figure: Figure) {
        self.figure = figure
    }

    var typeName: String { "figure" }

    var description: String {
        "figure \(figure.rows)×\(figure.cols) panels, \(Int(figure.width))×\(Int(figure.height)) at scale \(figure.scale)"
    }

    var memberNames: [String] { ["rows", "cols", "width", "height", "scale"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "rows": return .int(figure.rows)
        case "cols": return .int(figure.cols)
        case "width": return .number(figure.width)
        case "height": return .number(figure.height)
        case "scale": return .number(figure.scale)
        default: return nil
        }
    }
}
