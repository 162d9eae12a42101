import Language

extension Value {
    /// A dictionary with string keys, in the given order (how results report their figures).
    static func record(_ fields: KeyValuePairs<String, Value>) -> Value {
        .dictionary(DictionaryObject(fields.map { (DictionaryKey.string($0.key), $0.value) }))
    }
}
