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

    /// Second words of `expandedForms`, to test a pair only when it can match.
    static let expandedSecondWords: Set<String> = Set(expandedForms.compactMap { $0.split(separator: " ").last.map(String.init) })

    public init(tokens: [String], expander: TextNormalizer) {
        var previousWord: String?
        for token in tokens {
            // Plain lower-case words (most of them) carry no capitals, marks or digits.
            let plain = TokenShape.isPlainLowercase(token)
            let lower: String
            if plain {
                hasLetters = true
                lower = token
            } else {
                let shape = TokenShape(token)
                if Self.hasPunctuationMark(token) { hasPunctuation = true }
                if Self.hasEllipsis(token) { hasEllipsis = true }
                if shape.core.isEmpty { continue }
                hasLetters = hasLetters || shape.core.contains(where: \.isLetter)
                hasCapitals = hasCapitals || shape.core.contains(where: \.isUppercase)
                hasDigits = hasDigits || shape.core.utf8.contains { $0 >= 48 && $0 <= 57 }
                lower = shape.core.lowercased()
                if lower.utf8.contains(45), lower.split(separator: "-").count > 1 { hasHyphenatedWord = true }
                if lower.utf8.contains(39) || (lower.utf8.contains(0xE2) && lower.contains("\u{2019}")), expander.normalize(lower) != lower {
                    hasContraction = true
                }
            }
            if FillerWords.isFiller(lower) { hasFiller = true }
            if Self.numberWords.contains(lower) { hasNumberWords = true }
            if let previousWord, Self.expandedSecondWords.contains(lower),
               Self.expandedForms.contains(previousWord + " " + lower) {
                hasExpandedForm = true
            }
            previousWord = lower
        }
    }

    static func hasEllipsis(_ token: String) -> Bool {
        var dots = 0
        for byte in token.utf8 {
            dots = byte == 46 ? dots + 1 : 0
            if dots == 3 { return true }
        }
        return token.contains("\u{2026}")
    }

    /// Whether the kind's marked form is used — equally, whether the kind's rule can change
    /// this transcript at all. `isEligible`: whether the transcript says anything about the
    /// kind (a transcript with no number says nothing about digits vs words). Fillers and
    /// compounds depend on the clip, so the caller decides their eligibility.
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

    /// The kinds whose rule can change this transcript: those whose marked form it uses.
    var changeableKinds: ConventionSet { ConventionSet(ConventionKind.allCases.filter(usesMarkedForm)) }

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

    /// Any mark that the punctuation rule removes.
    static func hasPunctuationMark(_ token: String) -> Bool {
        let stripped = ConventionRules.stripPunctuation(token)
        if token.utf8.allSatisfy({ $0 < 128 }) { return stripped != token }
        return stripped != String(token.map { $0 == "\u{2019}" ? "'" : $0 })
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
