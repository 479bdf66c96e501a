import EarshotCore
import Foundation
import Testing

@Suite struct UnitInventoryTests {
    /// A character model's words are split by its space unit; a phone model's are implicit.
    @Test func wordBoundaryDefaultsFromTheSymbols() throws {
        #expect(UnitInventory.characters.wordBoundary == .separator(" "))
        #expect(UnitInventory.characters.boundaryUnit == 1)
        let phones = try UnitInventory(symbols: ["<b>", "AH", "K"], blank: 0, textJoiner: " ")
        #expect(phones.wordBoundary == .implicit(silence: nil) && phones.boundaryUnit == nil)
        let withSilence = try UnitInventory(symbols: ["<b>", "sil", "AH"], blank: 0, wordBoundary: .implicit(silence: "sil"))
        #expect(withSilence.boundaryUnit == 1)
    }

    @Test func labelsAndTextRoundTrip() throws {
        let characters = UnitInventory.characters
        let labels = try characters.labels(forCharacters: "don't stop")
        #expect(characters.text(for: labels) == "don't stop")
        #expect(throws: UnitInventoryError.unknownSymbol("!")) { try characters.labels(forCharacters: "hi!") }
        let phones = try UnitInventory(symbols: ["<blank>", "HH", "AY"], blank: 0, textJoiner: " ")
        #expect(phones.text(for: try phones.labels(forSymbols: ["HH", "AY"])) == "HH AY")
    }

    @Test func badInventoriesAreRefused() {
        #expect(throws: UnitInventoryError.self) { try UnitInventory(symbols: ["a", "a"], blank: 0) }
        #expect(throws: UnitInventoryError.self) { try UnitInventory(symbols: ["a", "b"], blank: 2) }
        #expect(throws: UnitInventoryError.self) { try UnitInventory(symbols: ["_"], blank: 0) }
        #expect(throws: UnitInventoryError.self) { try UnitInventory(symbols: ["_", "a"], blank: 0, wordBoundary: .separator(" ")) }
        #expect(throws: UnitInventoryError.self) { try UnitInventory(symbols: ["_", "a"], blank: 0, wordBoundary: .implicit(silence: "sil")) }
    }

    /// Model files written before the word boundary was stored decode with the default, and
    /// `separator` in them keeps meaning the text joiner; a bad file is refused.
    @Test func decodesBundlesOfEitherForm() throws {
        let old = #"{"symbols": ["<blank>", " ", "a"], "blank": 0, "separator": ""}"#
        let decoded = try JSONDecoder().decode(UnitInventory.self, from: Data(old.utf8))
        #expect(decoded.wordBoundary == .separator(" ") && decoded.textJoiner == "")
        let phones = try UnitInventory(symbols: ["<b>", "sil", "AH"], blank: 0, wordBoundary: .implicit(silence: "sil"), textJoiner: " ")
        #expect(try JSONDecoder().decode(UnitInventory.self, from: JSONEncoder().encode(phones)) == phones)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(UnitInventory.WordBoundary.separator(" ")), as: UTF8.self) == #"{"separator":" "}"#)
        #expect(String(decoding: try encoder.encode(UnitInventory.WordBoundary.implicit(silence: nil)), as: UTF8.self) == #"{"implicit":{}}"#)
        #expect(try JSONDecoder().decode(UnitInventory.WordBoundary.self, from: Data(#"{"implicit":{"silence":"sil"}}"#.utf8)) == .implicit(silence: "sil"))
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(UnitInventory.self, from: Data(#"{"symbols": ["a", "a"], "blank": 0}"#.utf8))
        }
    }
}
