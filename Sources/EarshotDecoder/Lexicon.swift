/// Words and their pronunciations as sequences of acoustic-model unit names
/// (letters for a character model, phones for a phone model). A word may have several.
public struct Lexicon: Sendable, Equatable, Codable {
    /// Pronunciations by word; kept sorted by word when written.
    public private(set) var pronunciations: [String: [[String]]]

    public init(pronunciations: [String: [[String]]] = [:]) {
        self.pronunciations = pronunciations
    }

    public var words: [String] { pronunciations.keys.sorted() }

    public mutating func add(word: String, pronunciation: [String]) {
        guard !pronunciation.isEmpty else { return }
        var existing = pronunciations[word, default: []]
        if !existing.contains(pronunciation) { existing.append(pronunciation) }
        pronunciations[word] = existing
    }

    /// A lexicon for a character model: every word spelled with its own characters.
    public static func spelling(_ words: some Sequence<String>) -> Lexicon {
        var lexicon = Lexicon()
        for word in words where !word.isEmpty {
            lexicon.add(word: word, pronunciation: word.map { String($0) })
        }
        return lexicon
    }

    /// Parses the Kaldi `lexicon.txt` layout: `word unit unit ...`, one pronunciation a line;
    /// blank lines and lines starting with `#` are ignored.
    public static func parse(_ text: String, source: String = "lexicon") throws(DecoderError) -> Lexicon {
        var lexicon = Lexicon()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            guard fields.count >= 2 else {
                throw .malformedLexicon(source: source, line: index + 1, reason: "'\(first)' has no pronunciation")
            }
            lexicon.add(word: String(first), pronunciation: fields.dropFirst().map(String.init))
        }
        return lexicon
    }

    /// The Kaldi `lexicon.txt` layout, sorted by word.
    public func formatted() -> String {
        var lines: [String] = []
        for word in words {
            for pronunciation in pronunciations[word] ?? [] {
                lines.append(([word] + pronunciation).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
