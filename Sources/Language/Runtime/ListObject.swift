/// The storage of a list value: shared and mutable, as lists are in Python and Lua.
public final class ListObject {
    @exclusivity(unchecked) public var elements: [Value]

    public init(_ elements: [Value] = []) { self.elements = elements }
}
