/// The characters a transcript may contain, from a specification such as `a-zA-Z0-9 '.,?!-`:
/// single characters, and ranges `x-y`; a `-` first or last stands for itself.
public struct AllowedCharacters: Sendable, Hashable {
    public let specification: String
    private var ranges: [ClosedRange<Unicode.Scalar>] = []

    public static let defaultSpecification = "a-zA-Z0-9 '.,?!-"

    public init(_ specification: String = AllowedCharacters.defaultSpecification) throws(LabelsError) {
        self.specification = specification
        let scalars = Array(specification.unicodeScalars)
        var k = 0
        while k < scalars.count {
            if k + 2 < scalars.count, scalars[k + 1] == "-" {
                guard scalars[k] <= scalars[k + 2] else {
                    throw .invalidOption("allowed characters: range \(scalars[k])-\(scalars[k + 2]) is backwards")
                }
                ranges.append(scalars[k]...scalars[k + 2])
                k += 3
            } else {
                ranges.append(scalars[k]...scalars[k])
                k += 1
            }
        }
        guard !ranges.isEmpty else { throw .invalidOption("allowed characters: the specification is empty") }
    }

    public func allows(_ scalar: Unicode.Scalar) -> Bool {
        ranges.contains { $0.contains(scalar) }
    }

    /// The distinct characters of `text` that are not allowed, in order of appearance.
    public func disallowed(in text: String) -> [Character] {
        var seen: [Character] = []
        for character in text where !character.unicodeScalars.allSatisfy(allows) && !seen.contains(character) {
            seen.append(character)
        }
        return seen
    }
}

/// A word list or pronunciation lexicon: the first field of each non-empty line, lower-cased
/// (so CMUdict-style `WORD  W ER1 D` lines and plain lists both work); `;;;` and `#` lines
/// are comments, and CMUdict's alternate-pronunciation marks (`word(2)`) are dropped.
public struct WordList: Sendable, Hashable {
    public let words: Set<String>

    public init(words: Set<String>) { self.words = words }

    public static func read(path: String) throws(LabelsError) -> WordList {
        let data = try FileInput.contents(of: path)
        var words = Set<String>()
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard let first = line.split(whereSeparator: \.isWhitespace).first else { continue }
            if first.hasPrefix(";;;") || first.hasPrefix("#") { continue }
            var word = first.lowercased()
            if word.hasSuffix(")"), let open = word.lastIndex(of: "(") { word = String(word[..<open]) }
            words.insert(word)
        }
        return WordList(words: words)
    }
}
