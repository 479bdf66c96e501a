/// Maps words to dense `Int32` ids so that alignment compares integers, not strings.
/// Ids are stable for the interner's lifetime; `word(for:)` maps back for reports.
/// An open-addressing table over the words' UTF-8 bytes (kept in one arena) with an FNV-1a
/// hash: scoring interns every word of a corpus, and this is several times cheaper than a
/// `Dictionary<String, Int32>` with its seeded SipHash and per-word Strings.
public struct WordInterner: Sendable {
    public private(set) var words: [String] = []
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot → (high 32 bits of the hash) << 32 | word id, or `empty`; a probe touches one
    /// array until the hash matches. The capacity is a power of two.
    private var slots = [UInt64](repeating: empty, count: 1024)
    private static let empty = UInt64.max

    public init() {}

    /// The id of `word`, assigning the next free id on first sight.
    public mutating func id(for word: String) -> Int32 {
        var word = word
        return word.withUTF8 { id(forUTF8: $0) }
    }

    /// The id of the word with these UTF-8 bytes, assigning the next free id on first sight.
    public mutating func id(forUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let found = lookup(bytes, hash: hash)
        if found.id >= 0 { return found.id }
        let id = Int32(truncatingIfNeeded: words.count)
        words.append(String(decoding: bytes, as: UTF8.self))
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        slots[found.slot] = Self.slot(hash, id)
        if words.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `word` if it was seen, without assigning one.
    public func existingID(for word: String) -> Int32? {
        var word = word
        let id = word.withUTF8 { lookup($0, hash: Self.hash($0)).id }
        return id >= 0 ? id : nil
    }

    public func word(for id: Int32) -> String { words[Int(id)] }

    public var count: Int { words.count }

    /// The word's id (or -1) and the slot where it is or would go.
    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int32, slot: Int) {
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                starts.withUnsafeBufferPointer { starts in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let entry = slots[slot]
                        if entry == Self.empty { return (-1, slot) }
                        if entry >> 32 == tag {
                            let k = Int(entry & 0xFFFF_FFFF)
                            if starts[k + 1] - starts[k] == bytes.count, Self.equal(arena, from: starts[k], bytes) {
                                return (Int32(truncatingIfNeeded: k), slot)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, from start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        while k < bytes.count {
            if arena[start + k] != bytes[k] { return false }
            k += 1
        }
        return true
    }

    private static func slot(_ hash: UInt64, _ id: Int32) -> UInt64 {
        (hash >> 32) << 32 | UInt64(UInt32(bitPattern: id))
    }

    private mutating func grow() {
        slots = [UInt64](repeating: Self.empty, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = Self.slot(hash, Int32(truncatingIfNeeded: id))
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }
}
