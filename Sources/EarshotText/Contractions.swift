/// English contractions expanded by the `expandContractions` step. Whole-word forms come
/// first; the suffix rules then handle the regular cases. A bare "'s" is expanded only for
/// pronouns and question words, since "john's" is usually a possessive.
enum Contractions {
    static let whole: [String: String] = [
        "won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
        "ain't": "is not", "let's": "let us", "y'all": "you all", "o'clock": "o'clock",
        "it's": "it is", "he's": "he is", "she's": "she is", "that's": "that is",
        "what's": "what is", "there's": "there is", "here's": "here is", "where's": "where is",
        "who's": "who is", "how's": "how is", "when's": "when is", "why's": "why is",
        "gonna": "going to", "wanna": "want to", "gotta": "got to",
    ]
    static let suffixes: [(String, String)] = [
        ("n't", " not"), ("'re", " are"), ("'ll", " will"), ("'ve", " have"), ("'m", " am"), ("'d", " would"),
    ]

    /// Whole-word contractions written without an apostrophe ("cannot", "gonna").
    static let unmarked: Set<String> = Set(whole.keys.filter { !$0.contains("'") })

    static func isUnmarkedContraction(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 5, word.count <= 6 else { return false }
        return unmarked.contains(String(decoding: word, as: UTF8.self))
    }

    static func expand(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).map { token -> String in
            let word = String(token.map { $0 == "\u{2019}" ? "'" : $0 })
            guard word.contains("'") || whole[word.lowercased()] != nil else { return word }
            if let full = whole[word.lowercased()] { return matchCase(full, like: word) }
            for (suffix, expansion) in suffixes where word.lowercased().hasSuffix(suffix) && word.count > suffix.count {
                return String(word.dropLast(suffix.count)) + matchCase(expansion, like: word)
            }
            return word
        }.joined(separator: " ")
    }

    /// Keeps an all-capitals word in capitals; otherwise the expansion is lower case.
    private static func matchCase(_ expansion: String, like word: String) -> String {
        word.contains(where: \.isLetter) && word == word.uppercased() ? expansion.uppercased() : expansion
    }
}
