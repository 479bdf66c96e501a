import EarshotText

/// The reconciling rules: each maps one convention kind to its neutral form and leaves the
/// others alone, so that applying a chosen subset shows which conventions two transcripts
/// differ by. (A normalizer that applies all of them at once would hide exactly that.)
public struct ConventionRules: Sendable {
    let contractionExpander = TextNormalizer(name: "audit-contractions", steps: [.expandContractions])

    public init() {}

    /// Whitespace tokens of a transcript as written (split on bytes when the text is ASCII,
    /// the common case in large label sets).
    public static func tokens(_ text: String) -> [String] {
        var text = text
        let ascii: [String]? = text.withUTF8 { bytes in
            var words: [String] = []
            var start = -1
            for k in 0...bytes.count {
                let byte = k < bytes.count ? bytes[k] : 32
                if byte >= 128 { return nil }
                if byte == 32 || (byte >= 9 && byte <= 13) {
                    if start >= 0 {
                        words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self))
                        start = -1
                    }
                } else if start < 0 {
                    start = k
                }
            }
            return words
        }
        return ascii ?? text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Applies the word-level rules in `kinds` (every kind but `compounds`, which needs the
    /// whole clip: see `joinCompounds`).
    public func apply(_ kinds: ConventionSet, to tokens: [String]) -> [String] {
        var current = tokens
        for kind in ConventionKind.pipelineOrder where kind != .compounds && kinds.contains(kind) {
            var next: [String] = []
            next.reserveCapacity(current.count)
            for token in current { apply(kind, to: token, into: &next) }
            current = next
        }
        return current
    }

    func apply(_ kind: ConventionKind, to token: String, into out: inout [String]) {
        if TokenShape.isPlainLowercase(token), kind != .fillers {
            out.append(token)
            return
        }
        switch kind {
        case .casing:
            out.append(token.lowercased())
        case .numbers:
            guard token.contains(where: { $0.isASCII && $0.isNumber }) else { out.append(token); return }
            out.append(contentsOf: Self.tokens(NumberSpeller.spellNumbers(in: token)))
        case .punctuation:
            let stripped = Self.stripPunctuation(token)
            if !stripped.isEmpty { out.append(stripped) }
        case .contractions:
            let shape = TokenShape(token)
            guard shape.core.contains(where: { $0 == "'" || $0 == "\u{2019}" }) else { out.append(token); return }
            var words = contractionExpander.words(shape.core)
            guard !words.isEmpty else { out.append(token); return }
            words[0] = shape.leading + words[0]
            words[words.count - 1] += shape.trailing
            out.append(contentsOf: words)
        case .fillers:
            let shape = TokenShape(token)
            guard FillerWords.isFiller(shape.core) else { out.append(token); return }
            let marks = String(shape.leading + shape.trailing)
            if !marks.isEmpty { out.append(marks) }
        case .compounds:
            out.append(token)
        }
    }

    /// Removes punctuation and symbols but keeps what belongs to other conventions: an
    /// apostrophe inside a word ("o'clock") and a hyphen joining two words ("voice-mail").
    static func stripPunctuation(_ token: String) -> String {
        if let ascii = asciiStripPunctuation(token) { return ascii }
        let characters = Array(token)
        var out = ""
        for (k, character) in characters.enumerated() {
            if character.isLetter || character.isNumber {
                out.append(character)
            } else if character == "'" || character == "\u{2019}" || character == "-" {
                let before = k > 0 && (characters[k - 1].isLetter || characters[k - 1].isNumber)
                let after = k + 1 < characters.count && (characters[k + 1].isLetter || characters[k + 1].isNumber)
                if before && after { out.append(character == "\u{2019}" ? "'" : character) }
            }
        }
        return out
    }

    /// `stripPunctuation` on bytes, for ASCII tokens; nil otherwise.
    static func asciiStripPunctuation(_ token: String) -> String? {
        var token = token
        return token.withUTF8 { bytes -> String? in
            func isWord(_ byte: UInt8) -> Bool {
                (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for (k, byte) in bytes.enumerated() {
                if byte >= 128 { return nil }
                if isWord(byte) {
                    out.append(byte)
                } else if byte == 39 || byte == 45, k > 0, k + 1 < bytes.count, isWord(bytes[k - 1]), isWord(bytes[k + 1]) {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
