/// A whitespace token split into its leading marks, its core (first to last letter or
/// digit) and its trailing marks: `"(um,"` → `"("`, `"um"`, `","`. Rules that change words
/// work on the core and keep the marks, so that each rule changes only its own convention.
struct TokenShape {
    var leading: Substring
    var core: Substring
    var trailing: Substring

    init(_ token: String) {
        if let ascii = Self.asciiBounds(token) {
            let utf8 = token.utf8
            let first = utf8.index(utf8.startIndex, offsetBy: ascii.lowerBound)
            let end = utf8.index(utf8.startIndex, offsetBy: ascii.upperBound)
            leading = token[..<first]
            core = token[first..<end]
            trailing = token[end...]
            return
        }
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber }
        guard let first = token.firstIndex(where: isWordCharacter), let last = token.lastIndex(where: isWordCharacter) else {
            leading = token[...]
            core = ""
            trailing = ""
            return
        }
        leading = token[..<first]
        core = token[first...last]
        trailing = token[token.index(after: last)...]
    }

    /// The byte range of the core of an ASCII token (empty at the end when it has no letter
    /// or digit), or nil when the token is not ASCII.
    static func asciiBounds(_ token: String) -> Range<Int>? {
        var token = token
        return token.withUTF8 { bytes -> Range<Int>? in
            var first = -1, last = -1
            for (k, byte) in bytes.enumerated() {
                if byte >= 128 { return nil }
                let isWord = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                if isWord {
                    if first < 0 { first = k }
                    last = k
                }
            }
            return first < 0 ? bytes.count..<bytes.count : first..<(last + 1)
        }
    }

    /// Whether `token` is only lower-case ASCII letters, which no rule but fillers and
    /// compounds can change (checked on bytes, the common case in large label sets).
    static func isPlainLowercase(_ token: String) -> Bool {
        var token = token
        return token.withUTF8 { bytes in bytes.allSatisfy { $0 >= 97 && $0 <= 122 } }
    }
}

/// Filler words, matched case-insensitively with repeated letters collapsed ("Ummm", "hmmm").
public enum FillerWords {
    /// The default fillers (collapsed spellings of um, umm, uh, uhm, er, erm, ah, hmm, mm, mhm, eh, huh).
    public static let collapsed: Set<String> = ["um", "uh", "uhm", "er", "erm", "ah", "hm", "m", "mhm", "eh", "huh"]

    /// Whether `word` (letters only, any case) is a filler.
    public static func isFiller(_ word: some StringProtocol) -> Bool {
        guard !word.isEmpty, word.utf8.count <= 32 else { return false }
        if let ascii = asciiCollapsed(word.utf8) { return ascii.map { Self.collapsed.contains($0) } ?? false }
        guard word.count <= 8 else { return false }
        var collapsed = ""
        var previous: Character?
        for character in word.lowercased() {
            guard character.isLetter else { return false }
            if character != previous { collapsed.append(character) }
            previous = character
        }
        return collapsed.count <= 3 && collapsed.count >= 1 && Self.collapsed.contains(collapsed)
    }

    /// For ASCII input: `.some(nil)` when it cannot be a filler (a non-letter, or more than
    /// three distinct runs), `.some(collapsed)` otherwise; nil when the word is not ASCII.
    static func asciiCollapsed(_ bytes: some Collection<UInt8>) -> String?? {
        var collapsed: [UInt8] = []
        var previous: UInt8 = 0
        for byte in bytes {
            if byte >= 128 { return nil }
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            guard lower >= 97 && lower <= 122 else { return .some(nil) }
            if lower != previous {
                collapsed.append(lower)
                if collapsed.count > 3 { return .some(nil) }
            }
            previous = lower
        }
        return .some(String(decoding: collapsed, as: UTF8.self))
    }
}
