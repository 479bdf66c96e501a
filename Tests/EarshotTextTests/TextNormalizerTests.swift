import Testing
@testable import EarshotText

@Suite(.timeLimit(.minutes(5))) struct TextNormalizerTests {
    @Test func standardPipeline() {
        let n = TextNormalizer.standard
        #expect(n.normalize("Um, I CAN'T find the 42 apples!") == "i can not find the forty two apples")
        #expect(n.normalize("We're at 3.5 km — it’s O'Clock-ish") == "we are at three point five km it is o'clock ish")
        #expect(n.normalize("  uh   hello\tworld  ") == "hello world")
        #expect(n.normalize("call 0800 1,200 times") == "call zero eight zero zero one thousand two hundred times")
        #expect(n.normalize("John's mp3") == "john's mp three")
    }

    @Test func fastPathAgreesWithGeneralPath() {
        let n = TextNormalizer.standard
        // "cannot" and fillers are lower-case ASCII, so they take the fast path.
        #expect(n.words("i cannot hear um you") == ["i", "can", "not", "hear", "you"])
        #expect(n.words("i CANNOT hear UM you") == ["i", "can", "not", "hear", "you"])
        #expect(n.words("") == [])
    }

    @Test func whitespacePresetKeepsTextAsWritten() {
        #expect(TextNormalizer.whitespace.words("  The  Cat,\tsat ") == ["The", "Cat,", "sat"])
    }

    @Test func specifications() {
        #expect(TextNormalizer(specification: "standard") == .standard)
        #expect(TextNormalizer(specification: "whitespace") == .whitespace)
        let custom = TextNormalizer(specification: "lowercase, strip-punctuation")
        #expect(custom?.steps == [.lowercase, .stripPunctuation])
        #expect(custom?.normalize("Hello, World!") == "hello world")
        #expect(TextNormalizer(specification: "lowercase,shout") == nil)
        #expect(TextNormalizer.standard.summary.hasPrefix("standard (lowercase"))
    }

    @Test func numbers() {
        #expect(NumberSpeller.cardinal(0) == "zero")
        #expect(NumberSpeller.cardinal(115) == "one hundred fifteen")
        #expect(NumberSpeller.cardinal(2024) == "two thousand twenty four")
        #expect(NumberSpeller.cardinal(1_000_001) == "one million one")
        #expect(NumberSpeller.spell("0042") == "zero zero four two")
        #expect(NumberSpeller.spell("12345678901234") == "one two three four five six seven eight nine zero one two three four")
    }
}
