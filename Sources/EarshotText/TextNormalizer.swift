/// A named, ordered pipeline of text-normalization steps applied to references and
/// hypotheses before scoring, so that differences in writing conventions ("Don't" vs "do
/// not", "42" vs "forty two") are not counted as recognition errors. Reports print `name`
/// and `steps` so every score states how its text was normalized.
public struct TextNormalizer: Sendable, Hashable, Codable {
    public enum Step: String, Sendable, Hashable, Codable, CaseIterable {
        /// Unicode lower-casing.
        case lowercase
        /// "can't" → "can not", "we're" → "we are", "it's" → "it is" (curly apostrophes too).
        case expandContractions = "expand-contractions"
        /// "42" → "forty two", "3.5" → "three point five", "007" → "zero zero seven".
        case spellDigits = "spell-digits"
        /// Removes punctuation and symbols, keeping apostrophes inside words ("o'clock").
        case stripPunctuation = "strip-punctuation"
        /// Drops hesitation words: um, uh, er, ah, hmm, mm, erm, eh, huh (see `fillers`).
        case removeFillers = "remove-fillers"
        /// Splits on any run of white space (always applied last when tokenizing).
        case collapseWhitespace = "collapse-whitespace"
    }

    public let name: String
    public let steps: [Step]

    public init(name: String, steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    /// Earshot's default for scoring voice-search transcripts.
    public static let standard = TextNormalizer(
        name: "standard",
        steps: [.lowercase, .expandContractions, .spellDigits, .stripPunctuation, .removeFillers, .collapseWhitespace])
    /// jiwer's default transform: only white space is normalized; text is compared as written.
    public static let whitespace = TextNormalizer(name: "whitespace", steps: [.collapseWhitespace])

    /// How training spells transcripts for the character model: case folded, white space
    /// collapsed, nothing else touched (punctuation and digits are the corpus's business).
    public static let training = TextNormalizer(name: "training", steps: [.lowercase, .collapseWhitespace])

    /// The named presets, the first being the default.
    public static let presets: [TextNormalizer] = [.standard, .whitespace, .training]

    /// A preset by name, or a custom pipeline from comma-separated step names
    /// (e.g. "lowercase,strip-punctuation"). Returns nil for an unknown name or step.
    public init?(specification: String) {
        if let preset = Self.presets.first(where: { $0.name == specification }) {
            self = preset
            return
        }
        var steps: [Step] = []
        for part in specification.split(separator: ",") {
            guard let step = Step(rawValue: part.trimmingSpaces) else { return nil }
            steps.append(step)
        }
        guard !steps.isEmpty else { return nil }
        self.init(name: "custom", steps: steps)
    }

    /// "standard (lowercase, expand-contractions, ...)" for reports.
    public var summary: String { "\(name) (\(steps.map(\.rawValue).joined(separator: ", ")))" }

    /// The normalized words of `text`. Words are separated by any white space whatever the
    /// steps, so the result never holds an empty word.
    public func words(_ text: some StringProtocol) -> [String] {
        if let words = asciiFastPath(String(text)) { return words }
        var current = String(text)
        for step in steps {
            switch step {
            case .lowercase: current = current.lowercased()
            case .expandContractions: current = Contractions.expand(current)
            case .spellDigits: current = NumberSpeller.spellNumbers(in: current)
            case .stripPunctuation: current = Punctuation.strip(current)
            case .removeFillers: current = Fillers.remove(current)
            case .collapseWhitespace: break
            }
        }
        return current.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The normalized text: its words joined by single spaces.
    public func normalize(_ text: some StringProtocol) -> String {
        words(text).joined(separator: " ")
    }
}

extension TextNormalizer {
    /// Most transcripts are already lower-case ASCII words; for them every step but filler
    /// removal is a no-op, so the words are split off the bytes directly. Returns nil when
    /// the text needs the general path.
    func asciiFastPath(_ text: String) -> [String]? {
        var words: [String] = []
        let fast = withASCIIWords(text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return fast ? words : nil
    }

    /// Calls `body` with the UTF-8 bytes of each normalized word when `text` can take the
    /// ASCII fast path (the same words `words(_:)` returns), and returns true; returns false
    /// without calling `body` otherwise. Lets scorers intern words without making Strings.
    public func withASCIIWords(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var text = text
        let plainOnly = steps.contains { $0 != .collapseWhitespace && $0 != .removeFillers }
        let expands = steps.contains(.expandContractions), removesFillers = steps.contains(.removeFillers)
        let classes = plainOnly ? ASCIIClass.lowercaseWords : ASCIIClass.anyWords
        return text.withUTF8 { bytes -> Bool in
            // Pass 1: every byte is a word byte or a separator, and no word needs expanding
            // ("cannot", "gonna": only words of 5 or 6 letters are looked up).
            var start = 0
            for k in 0...bytes.count {
                let byteClass = k == bytes.count ? ASCIIClass.separator : classes[Int(bytes[k])]
                if byteClass == ASCIIClass.reject { return false }
                if byteClass == ASCIIClass.separator {
                    if expands, k - start >= 5, k - start <= 6,
                       Contractions.isUnmarkedContraction(UnsafeBufferPointer(rebasing: bytes[start..<k])) { return false }
                    start = k + 1
                }
            }
            // Pass 2: hand out the words.
            start = -1
            for k in 0...bytes.count {
                if k == bytes.count || classes[Int(bytes[k])] == ASCIIClass.separator {
                    guard start >= 0 else { continue }
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<k])
                    start = -1
                    if !(removesFillers && Fillers.isFiller(word)) { body(word) }
                } else if start < 0 {
                    start = k
                }
            }
            return true
        }
    }
}

/// Byte classes for the ASCII fast path: 0 rejects the text, 1 separates words, 2 is part of one.
enum ASCIIClass {
    static let reject: UInt8 = 0, separator: UInt8 = 1, word: UInt8 = 2
    static let lowercaseWords: [UInt8] = table(words: 97...122)
    static let anyWords: [UInt8] = table(words: 33...126)

    private static func table(words: ClosedRange<Int>) -> [UInt8] {
        var table = [UInt8](repeating: reject, count: 256)
        for byte in words { table[byte] = word }
        for byte in [9, 10, 13, 32] { table[byte] = separator }
        return table
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
