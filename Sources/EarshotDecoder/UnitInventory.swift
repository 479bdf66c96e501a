/// The acoustic model's output units as the decoder sees them: names by index, which one is the
/// CTC blank, and how words are delimited.
public struct UnitInventory: Sendable, Codable, Equatable {
    public enum WordBoundary: Sendable, Codable, Equatable {
        /// A unit (a space for character models) that must stand between words.
        case separator(String)
        /// Words follow one another directly (phone models); an optional silence unit may
        /// stand between them.
        case implicit(silence: String?)
    }

    public var units: [String]
    public var blank: Int
    public var wordBoundary: WordBoundary

    public init(units: [String], blank: Int, wordBoundary: WordBoundary) {
        self.units = units
        self.blank = blank
        self.wordBoundary = wordBoundary
    }

    public func index(of unit: String) -> Int? { units.firstIndex(of: unit) }

    /// The unit between words (a separator or a silence), if there is one.
    var boundaryUnit: Int? {
        switch wordBoundary {
        case .separator(let unit): index(of: unit)
        case .implicit(let silence): silence.flatMap { index(of: $0) }
        }
    }
}
