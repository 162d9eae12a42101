/// The storage of a dictionary value: shared, mutable, and kept in insertion order.
public final class DictionaryObject {
    @exclusivity(unchecked) private var storage: [DictionaryKey: Value] = [:]
    @exclusivity(unchecked) private var order: [DictionaryKey] = []

    public init() {}

    /// A dictionary with `entries`, later duplicates replacing earlier values.
    public init(_ entries: [(DictionaryKey, Value)]) {
        for (key, value) in entries { self[key] = value }
    }

    /// The number of entries.
    public var count: Int { order.count }

    /// The keys, in insertion order.
    public var keys: [DictionaryKey] { order }

    /// The entries, in insertion order.
    public var entries: [(key: DictionaryKey, value: Value)] {
        order.compactMap { key in storage[key].map { (key, $0) } }
    }

    /// The value for `key`; setting nil removes the entry.
    public subscript(key: DictionaryKey) -> Value? {
        get { storage[key] }
        set {
            guard let newValue else {
                if storage.removeValue(forKey: key) != nil { order.removeAll { $0 == key } }
                return
            }
            if storage.updateValue(newValue, forKey: key) == nil { order.append(key) }
        }
    }
}
