/// The global variables of an interpreter: built-ins and top-level declarations, by index.
///
/// Each global lives in its own cell that never moves, so compiled code holds the cell's address
/// and reads it directly; new globals (the REPL declares more with every line) get new cells.
final class Globals {
    /// One global's name and how it was declared.
    struct Entry {
        var name: String
        var isConstant: Bool
        var isBuiltin: Bool
        /// Where it was declared (nil for built-ins).
        var span: SourceSpan?
        var file: String?
    }

    private(set) var entries: [Entry] = []
    private(set) var cells: [UnsafeMutablePointer<Value>] = []
    private var indexByName: [String: Int] = [:]

    deinit {
        for cell in cells {
            cell.deinitialize(count: 1)
            cell.deallocate()
        }
    }

    var count: Int { entries.count }

    func index(of name: String) -> Int? { indexByName[name] }

    /// Declares `entry` (or re-declares it in the same cell) and returns its index.
    @discardableResult
    func declare(_ entry: Entry) -> Int {
        if let index = indexByName[entry.name] {
            entries[index] = entry
            return index
        }
        let cell = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        cell.initialize(to: .nil)
        indexByName[entry.name] = entries.count
        entries.append(entry)
        cells.append(cell)
        return entries.count - 1
    }

    /// The value of global `name`.
    func value(named name: String) -> Value? { index(of: name).map { cells[$0].pointee } }

    /// Sets global `index`.
    func set(_ index: Int, to value: Value) { cells[index].pointee = value }
}

extension Globals {
    /// Sets every global to nil, releasing the closures (and through them the compiled code) they hold.
    func clear() {
        for cell in cells { cell.pointee = .nil }
    }
}
