/// Maps words to dense `Int32` ids so that alignment compares integers, not strings.
/// Ids are stable for the interner's lifetime; `word(for:)` maps back for reports.
public struct WordInterner: Sendable {
    private var ids: [String: Int32] = [:]
    public private(set) var words: [String] = []

    public init() {}

    /// The id of `word`, assigning the next free id on first sight.
    public mutating func id(for word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(truncatingIfNeeded: words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    /// The id of `word` if it was seen, without assigning one.
    public func existingID(for word: String) -> Int32? { ids[word] }

    public func word(for id: Int32) -> String { words[Int(id)] }

    public var count: Int { words.count }
}
