import Testing
@testable import EarshotDecoder

@Suite(.timeLimit(.minutes(5))) struct LexiconTests {
    @Test func parsesKaldiLexiconWithVariants() throws {
        let text = "# comment\nfive f ay v\n\ntomato t ah m ey t ow\ntomato t ah m aa t ow\n"
        let lexicon = try Lexicon.parse(text)
        #expect(lexicon.words == ["five", "tomato"])
        #expect(lexicon.pronunciations["tomato"]?.count == 2)
        #expect(try Lexicon.parse(lexicon.formatted()) == lexicon)
    }

    @Test func wordWithoutPronunciationNamesTheLine() {
        #expect(throws: DecoderError.malformedLexicon(source: "lex.txt", line: 2, reason: "'nine' has no pronunciation")) {
            _ = try Lexicon.parse("five f ay v\nnine\n", source: "lex.txt")
        }
    }

    @Test func spellingLexiconUsesCharacters() {
        let lexicon = Lexicon.spelling(["oh", "what's"])
        #expect(lexicon.pronunciations["what's"] == [["w", "h", "a", "t", "'", "s"]])
    }
}
