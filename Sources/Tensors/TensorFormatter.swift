/// Writes a tensor as numpy writes an array (without the `array(…)` around it): nested brackets,
/// aligned columns, rows wrapped at the line width, and only the first and last few entries of
/// each axis when the tensor is large.
///
/// ```
/// [[1, 2],
///  [3, 4]]
/// ```
struct TensorFormatter {
    /// At most this many digits after the point (numpy's `precision`).
    var precision = 4
    /// Rows longer than this wrap (numpy's `linewidth`).
    var lineWidth = 75
    /// Tensors with more elements than this are summarised with `...` (numpy's `threshold`).
    var threshold = 1000
    /// How many entries are kept at each end of a summarised axis (numpy's `edgeitems`).
    var edgeItems = 3

    /// The text of `tensor`.
    func format(_ tensor: Tensor) -> String {
        if tensor.rank == 0 {
            return ElementFormat(tensor.scalars, precision: precision).string(tensor.scalars[0])
        }
        if tensor.count == 0 { return "[]" }
        let summarise = tensor.count > threshold
        // The format is fitted to the elements that will be shown, as numpy does.
        let positions = tensor.shape.map {
            TensorFormatter.shown(size: $0, summarise: summarise, edgeItems: edgeItems)
        }
        let shown = IndexPlan(
            shape: tensor.shape, positions: positions, outShape: positions.map(\.count))
        let writer = Writer(
            tensor: tensor, summarise: summarise, edgeItems: edgeItems,
            element: ElementFormat(shown.gather(tensor.scalars), precision: precision))
        return writer.array(axis: 0, offset: 0, indent: " ", width: lineWidth)
    }

    /// The positions shown on an axis of `size` entries: all of them, or when summarising a
    /// long axis, `edgeItems` at each end.
    private static func shown(size: Int, summarise: Bool, edgeItems: Int) -> [Int] {
        summarise && size > 2 * edgeItems
            ? Array(0..<edgeItems) + Array((size - edgeItems)..<size) : Array(0..<size)
    }

    /// numpy's `_formatArray`, over one tensor with a fixed element format.
    private struct Writer {
        let tensor: Tensor
        let summarise: Bool
        let edgeItems: Int
        let element: ElementFormat

        /// The sub-array at `offset` from `axis` on, whose continuation lines start with `indent`
        /// and must fit in `width` columns.
        func array(axis: Int, offset: Int, indent: String, width: Int) -> String {
            if axis == tensor.rank { return element.string(tensor.scalars[offset]) }
            let size = tensor.shape[axis]
            let stride = tensor.strides[axis]
            let indices = TensorFormatter.shown(size: size, summarise: summarise, edgeItems: edgeItems)
            let gap = indices.count < size
            let parts: [String?] = indices.flatMap { i -> [String?] in
                let nested = array(
                    axis: axis + 1, offset: offset + i * stride, indent: indent + " ",
                    width: width - 1)
                // nil marks where the elided entries go, after the leading edge.
                return gap && i == edgeItems - 1 ? [nested, nil] : [nested]
            }
            var text = ""
            if axis == tensor.rank - 1 {
                var line = indent
                for (k, part) in parts.enumerated() {
                    extend(&text, &line, with: part ?? "...", width: width - 1, indent: indent)
                    if k < parts.count - 1 { line += ", " }
                }
                text += line
            } else {
                let separator = "," + String(repeating: "\n", count: tensor.rank - axis - 1)
                text = parts.map { indent + ($0 ?? "...") }.joined(separator: separator)
            }
            return "[" + text.dropFirst(indent.count) + "]"
        }

        /// Adds `word` to `line`, first moving `line` into `text` when the word would not fit
        /// (unless the line holds nothing yet, where wrapping would not help).
        private func extend(
            _ text: inout String, _ line: inout String, with word: String, width: Int, indent: String
        ) {
            if line.count + word.count > width, line.count > indent.count {
                while line.last == " " { line.removeLast() }
                text += line + "\n"
                line = indent
            }
            line += word
        }
    }
}
