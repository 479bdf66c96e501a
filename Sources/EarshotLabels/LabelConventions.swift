import EarshotText

/// Which conventions one transcript, as written, uses: the raw material of the dataset-wide
/// usage figures and of each annotator's habits.
public struct LabelConventions: Sendable, Hashable, Codable {
    public var hasLetters = false
    public var hasCapitals = false
    public var hasPunctuation = false
    public var hasEllipsis = false
    public var hasFiller = false
    public var hasDigits = false
    public var hasNumberWords = false
    public var hasContraction = false
    public var hasExpandedForm = false
    public var hasHyphenatedWord = false

    public init() {}

    static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
    ]

    /// Word pairs that are the expansion of a common contraction ("do not" for "don't").
    static let expandedForms: Set<String> = [
        "do not", "does not", "did not", "is not", "are not", "was not", "were not", "have not", "has not",
        "had not", "will not", "would not", "can not", "could not", "should not", "must not", "need not",
        "i am", "you are", "we are", "they are", "it is", "that is", "what is", "there is", "here is",
        "where is", "who is", "how is", "he is", "she is", "let us", "i will", "you will", "we will",
        "they will", "i have", "you have", "we have", "they have", "i would", "you would", "we would",
    ]

    public init(tokens: [String], expander: TextNormalizer) {
        var previousWord: String?
        for token in tokens {
            let shape = TokenShape(token)
            if !shape.leading.isEmpty || !shape.trailing.isEmpty || shape.core.contains(where: Self.isInnerMark) {
                if Self.hasPunctuationMark(token) { hasPunctuation = true }
            }
            if token.contains("...") || token.contains("\u{2026}") { hasEllipsis = true }
            if shape.core.isEmpty { continue }
            hasLetters = hasLetters || shape.core.contains(where: \.isLetter)
            hasCapitals = hasCapitals || shape.core.contains(where: \.isUppercase)
            hasDigits = hasDigits || shape.core.contains(where: { $0.isASCII && $0.isNumber })
            let lower = shape.core.lowercased()
            if FillerWords.isFiller(lower) { hasFiller = true }
            if Self.numberWords.contains(lower) { hasNumberWords = true }
            if lower.contains("-"), lower.split(separator: "-").count > 1 { hasHyphenatedWord = true }
            if lower.contains("'") || lower.contains("\u{2019}"), expander.normalize(lower) != lower {
                hasContraction = true
            }
            if let previousWord, Self.expandedForms.contains(previousWord + " " + lower) { hasExpandedForm = true }
            previousWord = lower
        }
    }

    /// Whether the kind's marked form is used, and whether the transcript says anything about
    /// the kind at all (a transcript with no number says nothing about digits vs words).
    /// Fillers and compounds depend on the clip, so the caller decides their eligibility.
    func usesMarkedForm(_ kind: ConventionKind) -> Bool {
        switch kind {
        case .casing: hasCapitals
        case .punctuation: hasPunctuation
        case .fillers: hasFiller
        case .numbers: hasDigits
        case .contractions: hasContraction
        case .compounds: hasHyphenatedWord
        }
    }

    func isEligible(_ kind: ConventionKind) -> Bool {
        switch kind {
        case .casing: hasLetters
        case .punctuation: true
        case .fillers: hasFiller
        case .numbers: hasDigits || hasNumberWords
        case .contractions: hasContraction || hasExpandedForm
        case .compounds: hasHyphenatedWord
        }
    }

    static func isInnerMark(_ character: Character) -> Bool {
        !(character.isLetter || character.isNumber || character == "'" || character == "\u{2019}" || character == "-")
    }

    /// Any mark that the punctuation rule removes.
    static func hasPunctuationMark(_ token: String) -> Bool {
        ConventionRules.stripPunctuation(token) != token.replacingOccurrences(of: "\u{2019}", with: "'")
    }
}

/// Counts of transcripts using a kind's marked form among those that say anything about it.
public struct ConventionUsage: Sendable, Hashable, Codable {
    public var marked = 0
    public var eligible = 0

    public init() {}

    /// Share of eligible transcripts using the marked form (0 when none is eligible).
    public var markedRate: Double { eligible > 0 ? Double(marked) / Double(eligible) : 0 }
    /// The majority: the marked form only when strictly more than half use it.
    public var recommendsMarkedForm: Bool { eligible > 0 && marked * 2 > eligible }

    mutating func count(eligible isEligible: Bool, marked isMarked: Bool) {
        guard isEligible else { return }
        eligible += 1
        if isMarked { marked += 1 }
    }
}
