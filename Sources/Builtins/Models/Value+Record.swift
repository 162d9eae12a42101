import Language

extension Value {
    /// A dictionary with string keys, in the given order (how results report their figures).
    static func record(_ fields: KeyValuePairs<String, Value>) -> Value {
        record(fields.map { ($0.key, $0.value) })
    }

    /// A dictionary with string keys, in the given order, from fields known only at run time.
    static func record(_ fields: [(String, Value)]) -> Value {
        .dictionary(DictionaryObject(fields.map { (DictionaryKey.string($0.0), $0.1) }))
    }
}
