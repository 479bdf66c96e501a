/// The acoustic model's output units (characters, phones, ...): their symbols, which one is the
/// CTC blank, how words are delimited in a unit sequence, and how labels are spelled back as
/// text. The network, the decoders and the model file all use this one type.
public struct UnitInventory: Sendable, Equatable, Hashable, Codable {
    /// How a unit sequence marks where one word ends and the next begins. In a model file:
    /// `{"separator": " "}` or `{"implicit": {"silence": "sil"}}` (`{"implicit": {}}` without one).
    public enum WordBoundary: Sendable, Equatable, Hashable, Codable {
        /// A unit (a space for character models) that must stand between words.
        case separator(String)
        /// Words follow one another directly (phone models); an optional silence unit may
        /// stand between them.
        case implicit(silence: String?)

        private enum Keys: String, CodingKey { case separator, implicit }
        private enum ImplicitKeys: String, CodingKey { case silence }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if let unit = try container.decodeIfPresent(String.self, forKey: .separator) {
                self = .separator(unit)
            } else {
                let implicit = try container.nestedContainer(keyedBy: ImplicitKeys.self, forKey: .implicit)
                self = .implicit(silence: try implicit.decodeIfPresent(String.self, forKey: .silence))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .separator(let unit): try container.encode(unit, forKey: .separator)
            case .implicit(let silence):
                var implicit = container.nestedContainer(keyedBy: ImplicitKeys.self, forKey: .implicit)
                try implicit.encodeIfPresent(silence, forKey: .silence)
            }
        }
    }

    /// One symbol per output unit; index = unit id.
    public let symbols: [String]
    /// The CTC blank's unit id.
    public let blank: Int
    public let wordBoundary: WordBoundary
    /// Placed between symbols when labels are spelled back as text ("" for characters, " " for
    /// phones). Not the word boundary: a character model's words are split by its " " unit.
    public let textJoiner: String

    /// `wordBoundary` defaults to the " " unit when there is one (a character model), and to
    /// implicit boundaries otherwise (phones).
    public init(symbols: [String], blank: Int, wordBoundary: WordBoundary? = nil, textJoiner: String = "") throws(UnitInventoryError) {
        guard symbols.count >= 2 else { throw .invalid(field: "units", reason: "need the blank and at least one unit") }
        guard symbols.indices.contains(blank) else { throw .invalid(field: "units.blank", reason: "\(blank) is not a unit index") }
        guard Set(symbols).count == symbols.count else { throw .invalid(field: "units.symbols", reason: "symbols are not unique") }
        let boundary = wordBoundary ?? (symbols.contains(" ") ? .separator(" ") : .implicit(silence: nil))
        switch boundary {
        case .separator(let unit) where !symbols.contains(unit):
            throw .invalid(field: "units.wordBoundary", reason: "separator '\(unit)' is not a unit")
        case .implicit(let silence?) where !symbols.contains(silence):
            throw .invalid(field: "units.wordBoundary", reason: "silence '\(silence)' is not a unit")
        default: break
        }
        self.symbols = symbols
        self.blank = blank
        self.wordBoundary = boundary
        self.textJoiner = textJoiner
    }

    // The model file's keys: `separator` is the text joiner (its name since the first bundles);
    // `wordBoundary` is absent from bundles written before it existed, which then get the default.
    enum CodingKeys: String, CodingKey { case symbols, blank, textJoiner = "separator", wordBoundary }

    /// Decoding validates like the initializer, so a bad file cannot yield an unusable inventory.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(symbols: try container.decode([String].self, forKey: .symbols),
                      blank: try container.decode(Int.self, forKey: .blank),
                      wordBoundary: try container.decodeIfPresent(WordBoundary.self, forKey: .wordBoundary),
                      textJoiner: try container.decodeIfPresent(String.self, forKey: .textJoiner) ?? "")
    }

    /// Blank, space, apostrophe and the letters a–z: the default character inventory.
    public static let characters: UnitInventory = {
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
        // Cannot fail: fixed, unique, non-empty, with its separator.
        return try! UnitInventory(symbols: ["<blank>", " ", "'"] + letters, blank: 0)
    }()

    public var count: Int { symbols.count }

    public func index(of symbol: String) -> Int? { symbols.firstIndex(of: symbol) }

    /// The unit between words (a separator or a silence), if there is one.
    public var boundaryUnit: Int? {
        switch wordBoundary {
        case .separator(let unit): index(of: unit)
        case .implicit(let silence): silence.flatMap { index(of: $0) }
        }
    }

    /// Unit ids for a text, one per character (character inventories only: each symbol one character).
    public func labels(forCharacters text: String) throws(UnitInventoryError) -> [Int] {
        let index = Dictionary(symbols.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var labels: [Int] = []
        for character in text {
            let symbol = String(character)
            guard let id = index[symbol], id != blank else { throw .unknownSymbol(symbol) }
            labels.append(id)
        }
        return labels
    }

    /// Unit ids for a list of symbols (phones or characters).
    public func labels(forSymbols list: [String]) throws(UnitInventoryError) -> [Int] {
        var labels: [Int] = []
        for symbol in list {
            guard let id = symbols.firstIndex(of: symbol), id != blank else { throw .unknownSymbol(symbol) }
            labels.append(id)
        }
        return labels
    }

    /// Text for unit ids (blanks dropped).
    public func text(for labels: [Int]) -> String {
        labels.filter { $0 != blank && symbols.indices.contains($0) }.map { symbols[$0] }.joined(separator: textJoiner)
    }
}

/// A unit inventory that cannot be built, or a symbol it does not have.
public enum UnitInventoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(field: String, reason: String)
    case unknownSymbol(String)

    public var description: String {
        switch self {
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .unknownSymbol(let symbol): "symbol '\(symbol)' is not in the unit inventory"
        }
    }
}
