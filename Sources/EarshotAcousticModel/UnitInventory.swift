/// The model's output units (characters, phones, ...) and which of them is the CTC blank.
public struct UnitInventory: Sendable, Equatable, Hashable, Codable {
    /// One symbol per output unit; index = unit id.
    public let symbols: [String]
    /// The CTC blank's unit id.
    public let blank: Int
    /// Placed between symbols when labels are turned back into text ("" for characters, " " for phones).
    public let separator: String

    public init(symbols: [String], blank: Int, separator: String = "") throws {
        guard symbols.count >= 2 else {
            throw AcousticModelError.invalidConfiguration(field: "units", reason: "need the blank and at least one unit")
        }
        guard symbols.indices.contains(blank) else {
            throw AcousticModelError.invalidConfiguration(field: "units.blank", reason: "\(blank) is not a unit index")
        }
        guard Set(symbols).count == symbols.count else {
            throw AcousticModelError.invalidConfiguration(field: "units.symbols", reason: "symbols are not unique")
        }
        self.symbols = symbols
        self.blank = blank
        self.separator = separator
    }

    /// Decoding validates like the initializer, so a bad file cannot yield an unusable inventory.
    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case symbols, blank, separator }
        let container = try decoder.container(keyedBy: Keys.self)
        try self.init(symbols: try container.decode([String].self, forKey: .symbols),
                      blank: try container.decode(Int.self, forKey: .blank),
                      separator: try container.decodeIfPresent(String.self, forKey: .separator) ?? "")
    }

    /// Blank, space, apostrophe and the letters a–z: the default character inventory.
    public static let characters: UnitInventory = {
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
        // Cannot fail: fixed, unique, non-empty.
        return try! UnitInventory(symbols: ["<blank>", " ", "'"] + letters, blank: 0)
    }()

    public var count: Int { symbols.count }

    /// Unit ids for a text, one per character (character inventories only: each symbol one character).
    public func labels(forCharacters text: String) throws -> [Int] {
        let index = Dictionary(symbols.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return try text.map { character in
            let symbol = String(character)
            guard let id = index[symbol], id != blank else { throw AcousticModelError.unknownSymbol(symbol: symbol) }
            return id
        }
    }

    /// Unit ids for a list of symbols (phones or characters).
    public func labels(forSymbols list: [String]) throws -> [Int] {
        try list.map { symbol in
            guard let id = symbols.firstIndex(of: symbol), id != blank else {
                throw AcousticModelError.unknownSymbol(symbol: symbol)
            }
            return id
        }
    }

    /// Text for unit ids (blanks dropped).
    public func text(for labels: [Int]) -> String {
        labels.filter { $0 != blank && symbols.indices.contains($0) }.map { symbols[$0] }.joined(separator: separator)
    }

    /// Throws unless every label is a non-blank unit.
    func validate(labels: [Int]) throws {
        for label in labels where label == blank || !symbols.indices.contains(label) {
            throw AcousticModelError.invalidLabel(label: label, unitCount: count, blank: blank)
        }
    }
}
