import Foundation

extension NGramLanguageModel {
    /// The model in ARPA text format, n-grams sorted for stable output.
    public func arpa() -> String {
        var out = "\\data\\\n"
        for (index, table) in tables.enumerated() { out += "ngram \(index + 1)=\(table.count)\n" }
        for (index, table) in tables.enumerated() {
            out += "\n\\\(index + 1)-grams:\n"
            let isTop = index + 1 == order
            let rows = table.map { (words: $0.key.map { vocabulary[Int($0)] }.joined(separator: " "), entry: $0.value) }
            for row in rows.sorted(by: { $0.words < $1.words }) {
                out += Self.format(row.entry.log10Probability) + "\t" + row.words
                if !isTop && row.entry.log10Backoff != 0 { out += "\t" + Self.format(row.entry.log10Backoff) }
                out += "\n"
            }
        }
        return out + "\n\\end\\\n"
    }

    private static func format(_ value: Double) -> String { String(format: "%.7f", value) }

    /// Reads an ARPA file's text; every problem names the line.
    public static func parseARPA(_ text: String, source: String = "language model") throws(DecoderError) -> NGramLanguageModel {
        var declared: [Int: Int] = [:]
        var section = 0  // 0 = before \data\, -1 = in \data\, k = in \k-grams:, -2 = after \end\
        var vocabulary: [String] = []
        var ids: [String: Int32] = [:]
        var tables: [[[Int32]: Entry]] = []
        func fail(_ line: Int, _ reason: String) -> DecoderError { .malformedARPA(source: source, line: line, reason: reason) }

        var lastLine = 1
        // Lines and fields are split on bytes: ARPA's separators are ASCII, and splitting by
        // Character (grapheme clusters) cost more than the rest of the parse.
        for (offset, rawLine) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = Self.trimmed(Substring(rawLine))
            if line.isEmpty || section == -2 { continue }
            lastLine = lineNumber
            if line == "\\data\\" { section = -1; continue }
            if line == "\\end\\" { section = -2; continue }
            if line.hasPrefix("\\") && line.hasSuffix("-grams:") {
                guard let k = Int(line.dropFirst().dropLast(7)), k >= 1, declared[k] != nil else {
                    throw fail(lineNumber, "unexpected section header '\(line)'")
                }
                section = k
                while tables.count < k { tables.append([:]) }
                continue
            }
            switch section {
            case 0:
                continue  // text before \data\ is a comment
            case -1:
                let parts = line.split(separator: "=")
                guard parts.count == 2, parts[0].hasPrefix("ngram "),
                      let k = Int(Self.trimmed(parts[0].dropFirst(6))),
                      let count = Int(Self.trimmed(parts[1])), k >= 1, count >= 0 else {
                    throw fail(lineNumber, "expected 'ngram N=COUNT', found '\(line)'")
                }
                declared[k] = count
            default:
                let fields = line.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map(Substring.init)
                guard fields.count == section + 1 || fields.count == section + 2 else {
                    throw fail(lineNumber, "a \(section)-gram line needs a log probability, \(section) words and an optional backoff")
                }
                guard let probability = Double(fields[0]), probability.isFinite else {
                    throw fail(lineNumber, "'\(fields[0])' is not a log probability")
                }
                var backoff = 0.0
                if fields.count == section + 2 {
                    guard let value = Double(fields[section + 1]), value.isFinite else {
                        throw fail(lineNumber, "'\(fields[section + 1])' is not a backoff weight")
                    }
                    backoff = value
                }
                var key: [Int32] = []
                for word in fields[1...section].map(String.init) {
                    if let id = ids[word] {
                        key.append(id)
                    } else {
                        guard section == 1 else { throw fail(lineNumber, "word '\(word)' has no unigram") }
                        ids[word] = Int32(vocabulary.count)
                        key.append(Int32(vocabulary.count))
                        vocabulary.append(word)
                    }
                }
                tables[section - 1][key] = Entry(log10Probability: probability, log10Backoff: backoff)
            }
        }
        guard let order = declared.keys.max(), order >= 1 else {
            throw fail(1, "no \\data\\ section with n-gram counts")
        }
        guard section == -2 else { throw fail(lastLine, "missing \\end\\") }
        for k in 1...order {
            let found = k <= tables.count ? tables[k - 1].count : 0
            guard found == declared[k] else {
                throw fail(1, "header declares \(declared[k] ?? 0) \(k)-grams but the file has \(found)")
            }
        }
        return NGramLanguageModel(order: order, vocabulary: vocabulary, tables: tables)
    }

    /// `text` without the spaces, tabs and carriage returns around it (ARPA files are ASCII;
    /// Foundation's Unicode-aware trimming cost a tenth of every start-up).
    private static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        // Both ends sit next to ASCII bytes (or the ends of the text): scalar boundaries.
        let end = utf8.index(after: utf8.lastIndex(where: { !isSpace($0) })!)
        return text[first..<end]
    }

    public static func load(path: String) throws(DecoderError) -> NGramLanguageModel {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parseARPA(text, source: path)
    }
}

extension NGramLanguageModel: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Self.parseARPA(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(arpa())
    }
}
