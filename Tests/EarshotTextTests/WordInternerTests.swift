import Testing
@testable import EarshotText

@Suite(.timeLimit(.minutes(5))) struct WordInternerTests {
    @Test func idsAreDenseStableAndSurviveGrowth() {
        var interner = WordInterner()
        let words = (0..<5000).map { "w\($0)" } + ["", "é", "日本"]
        let ids = words.map { interner.id(for: $0) }
        #expect(ids == (0..<Int32(words.count)).map { $0 })
        #expect(words.map { interner.id(for: $0) } == ids)
        #expect(words.map { interner.existingID(for: $0) } == ids)
        #expect(interner.existingID(for: "unseen") == nil)
        #expect(interner.word(for: 5001) == "é")
        #expect(interner.count == words.count)
    }
}
