/// A small context-free grammar of spoken queries, read from a text file such as
/// `voice-search.grammar`:
///
///     name = some words $other | more words
///          | continuation alternatives
///
/// `$name` refers to another rule; every other token is a word. Generation starts at `query`.
public struct Grammar: Sendable, Equatable {
    /// One token of an alternative: a word to speak or a reference to a rule.
    public enum Symbol: Sendable, Equatable, Hashable {
        case word(String)
        case rule(String)
    }

    /// Rules by name; each is a list of equally likely alternatives.
    public let rules: [String: [[Symbol]]]
    public let start: String

    /// Deepest rule nesting allowed while expanding; guards against recursive grammars.
    static let maximumDepth = 32

    public init(text: String, source: String, start: String = "query") throws(CorpusError) {
        var rules: [String: [[Symbol]]] = [:]
        var definedAt: [String: Int] = [:]
        var current: String?
        var references: [(name: String, line: Int)] = []
        for (index, rawLine) in TextFile.lines(of: text).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let body: Substring
            if trimmed.hasPrefix("|") {
                guard current != nil else {
                    throw .malformedLine(file: source, line: lineNumber, reason: "continuation \"|\" before any rule")
                }
                body = trimmed.dropFirst()
            } else {
                guard let equals = trimmed.firstIndex(of: "=") else {
                    throw .malformedLine(file: source, line: lineNumber, reason: "expected \"name = alternative | ...\"")
                }
                let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw .malformedLine(file: source, line: lineNumber, reason: "rule name \"\(name)\" must be letters, digits or _")
                }
                if let earlier = definedAt[name] {
                    throw .malformedLine(file: source, line: lineNumber, reason: "rule \"\(name)\" already defined on line \(earlier)")
                }
                definedAt[name] = lineNumber
                current = name
                body = trimmed[trimmed.index(after: equals)...]
            }
            guard let name = current else { continue }
            for alternative in body.split(separator: "|", omittingEmptySubsequences: false) {
                let tokens = alternative.split(whereSeparator: \.isWhitespace)
                guard !tokens.isEmpty else {
                    throw .malformedLine(file: source, line: lineNumber, reason: "empty alternative in rule \"\(name)\"")
                }
                let symbols = try tokens.map { (token) throws(CorpusError) -> Symbol in
                    if token.hasPrefix("$") {
                        let reference = String(token.dropFirst())
                        references.append((reference, lineNumber))
                        return .rule(reference)
                    }
                    guard token.allSatisfy({ $0.isLetter || $0 == "'" }), token == token.lowercased() else {
                        throw .malformedLine(file: source, line: lineNumber, reason: "word \"\(token)\" must be lower-case letters (and apostrophes)")
                    }
                    return .word(String(token))
                }
                rules[name, default: []].append(symbols)
            }
        }
        for reference in references where rules[reference.name] == nil {
            throw .malformedLine(file: source, line: reference.line, reason: "rule \"\(reference.name)\" is not defined")
        }
        guard rules[start] != nil else { throw .invalidFile(file: source, reason: "no start rule \"\(start)\"") }
        self.rules = rules
        self.start = start
        try checkNotRecursive(source: source)
    }

    /// Reads a grammar file.
    public init(path: String) throws(CorpusError) {
        try self.init(text: TextFile.read(path: path), source: path)
    }

    /// Every word the grammar can produce from its start rule, sorted.
    public var vocabulary: [String] {
        var words = Set<String>()
        for name in reachableRules {
            for alternative in rules[name] ?? [] {
                for case .word(let word) in alternative { words.insert(word) }
            }
        }
        return words.sorted()
    }

    /// Names of the rules reachable from the start rule.
    var reachableRules: Set<String> {
        var seen: Set<String> = [start]
        var stack = [start]
        while let name = stack.popLast() {
            for alternative in rules[name] ?? [] {
                for case .rule(let next) in alternative where seen.insert(next).inserted { stack.append(next) }
            }
        }
        return seen
    }

    /// A random sentence: words joined by single spaces.
    public func sentence(using generator: inout some RandomNumberGenerator) -> String {
        var words: [String] = []
        expand(start, into: &words, using: &generator)
        return words.joined(separator: " ")
    }

    private func expand(_ name: String, into words: inout [String], using generator: inout some RandomNumberGenerator) {
        // Rules exist and are acyclic (checked in init), so this terminates.
        guard let alternatives = rules[name], !alternatives.isEmpty else { return }
        let alternative = alternatives[Int(generator.next(upperBound: UInt64(alternatives.count)))]
        for symbol in alternative {
            switch symbol {
            case .word(let word): words.append(word)
            case .rule(let rule): expand(rule, into: &words, using: &generator)
            }
        }
    }

    /// Rejects grammars whose rules refer back to themselves (they could expand forever).
    private func checkNotRecursive(source: String) throws(CorpusError) {
        var finished = Set<String>()
        func visit(_ name: String, path: [String]) throws(CorpusError) {
            if finished.contains(name) { return }
            if path.contains(name) || path.count > Self.maximumDepth {
                throw .invalidFile(file: source, reason: "rules refer to themselves: \((path + [name]).joined(separator: " -> "))")
            }
            for alternative in rules[name] ?? [] {
                for case .rule(let next) in alternative { try visit(next, path: path + [name]) }
            }
            finished.insert(name)
        }
        for name in rules.keys.sorted() { try visit(name, path: []) }
    }
}
