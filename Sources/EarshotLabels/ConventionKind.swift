/// The kinds of writing convention on which annotators of the same audio may differ without
/// hearing anything different. Each kind has a neutral form that a rule can produce
/// mechanically (lower case, no punctuation, ...) and a marked form that it cannot.
public enum ConventionKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case casing
    /// Punctuation marks, ellipses included ("Um, ..." / "Um... ").
    case punctuation
    /// Hesitations: um, uh, er, erm, hmm, ...
    case fillers
    /// Numbers written as digits or as words ("3" / "three").
    case numbers
    /// "don't" / "do not".
    case contractions
    /// Hyphenation and spacing of compounds ("voice mail" / "voice-mail" / "voicemail").
    case compounds

    /// The order in which the reconciling rules run: numbers before punctuation so that
    /// "3.5" is read as a number, compounds last because they depend on the whole clip.
    static let pipelineOrder: [ConventionKind] = [.casing, .numbers, .punctuation, .contractions, .fillers, .compounds]

    public var title: String {
        switch self {
        case .casing: "casing"
        case .punctuation: "punctuation/ellipsis"
        case .fillers: "filler words"
        case .numbers: "digits vs words"
        case .contractions: "contractions"
        case .compounds: "hyphenation/spacing"
        }
    }

    /// The form a rule can impose, and the form it cannot.
    public var neutralForm: String {
        switch self {
        case .casing: "lowercase"
        case .punctuation: "no punctuation"
        case .fillers: "fillers dropped"
        case .numbers: "numbers as words"
        case .contractions: "contractions expanded"
        case .compounds: "compounds unhyphenated"
        }
    }

    public var markedForm: String {
        switch self {
        case .casing: "capitals kept"
        case .punctuation: "punctuation kept"
        case .fillers: "fillers kept"
        case .numbers: "numbers as digits"
        case .contractions: "contractions kept"
        case .compounds: "compounds hyphenated"
        }
    }

    /// The bit of this kind in a `ConventionSet`.
    var bit: UInt8 { UInt8(1) << UInt8(Self.allCases.firstIndex(of: self) ?? 0) }

    public static func < (lhs: ConventionKind, rhs: ConventionKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// A set of convention kinds as a bit mask: which reconciling rules to apply.
public struct ConventionSet: Sendable, Hashable, Codable {
    public var mask: UInt8

    public init(mask: UInt8) { self.mask = mask & Self.all.mask }
    public init(_ kinds: some Sequence<ConventionKind>) { mask = kinds.reduce(0) { $0 | $1.bit } }

    public static let none = ConventionSet(mask: 0)
    public static let all = ConventionSet(ConventionKind.allCases)

    public func contains(_ kind: ConventionKind) -> Bool { mask & kind.bit != 0 }
    public func removing(_ kind: ConventionKind) -> ConventionSet { ConventionSet(mask: mask & ~kind.bit) }
    public var kinds: [ConventionKind] { ConventionKind.allCases.filter(contains) }
    public var count: Int { mask.nonzeroBitCount }
}
