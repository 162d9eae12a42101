/// The global variables of an interpreter: built-ins and top-level declarations, by index.
///
/// Each global lives in a `GlobalCell` that never moves, so compiled code holds the cell and
/// reads it directly; new globals (the REPL declares more with every line) get new cells.
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
    private(set) var cells: [GlobalCell] = []
    private var indexByName: [String: Int] = [:]
    /// Functions taken out of globals while code runs, kept alive until the run ends: a call
    /// through a global uses its function without retaining it (see `GlobalCell.callee`).
    @exclusivity(unchecked) private var retired: [Closure] = []

    deinit {
        for cell in cells { cell.deallocate() }
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
        indexByName[entry.name] = entries.count
        entries.append(entry)
        cells.append(GlobalCell.allocate())
        return entries.count - 1
    }

    /// The value of global `name`.
    func value(named name: String) -> Value? { index(of: name).map { cells[$0].value.pointee } }

    /// Sets global `index`.
    func set(_ index: Int, to value: Value) { store(value, in: cells[index]) }

    /// Stores `value` in `cell`, retiring the function it held.
    @inline(__always)
    func store(_ value: Value, in cell: GlobalCell) {
        if case .function(let old) = cell.value.pointee { retired.append(old) }
        cell.value.pointee = value
        if case .function(let closure) = value {
            cell.callee.pointee = Unmanaged.passUnretained(closure)
        } else {
            cell.callee.pointee = nil
        }
    }

    /// Releases the functions retired while code ran; called when a run has ended.
    func releaseRetired() { retired.removeAll() }

    /// Sets every global to nil, releasing the closures (and through them the compiled code) they hold.
    func clear() {
        for cell in cells {
            cell.value.pointee = .nil
            cell.callee.pointee = nil
        }
        retired.removeAll()
    }
}

/// Where one global lives: its value, and the function it holds as an unretained reference, so
/// calls through the global skip reference counting. `Globals.store` keeps the two in step and
/// keeps replaced functions alive until the run ends.
struct GlobalCell {
    let value: UnsafeMutablePointer<Value>
    let callee: UnsafeMutablePointer<Unmanaged<Closure>?>

    static func allocate() -> GlobalCell {
        let cell = GlobalCell(value: .allocate(capacity: 1), callee: .allocate(capacity: 1))
        cell.value.initialize(to: .nil)
        cell.callee.initialize(to: nil)
        return cell
    }

    func deallocate() {
        value.deinitialize(count: 1)
        value.deallocate()
        callee.deallocate()
    }
}
