import EarshotCore
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct GrammarTests {
    @Test func bundledGrammarCoversTheVoiceSearchVocabulary() throws {
        let grammar = try Grammar.voiceSearch()
        let vocabulary = Set(grammar.vocabulary)
        #expect(vocabulary.count >= 150)
        let digits = ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        #expect(Set(digits).isSubset(of: vocabulary))
        for word in ["weather", "call", "play", "navigate", "timer", "minutes", "search"] {
            #expect(vocabulary.contains(word), "\(word)")
        }
    }

    @Test func sentencesUseOnlyTheVocabularyAndReachEveryIntent() throws {
        let grammar = try Grammar.voiceSearch()
        let vocabulary = Set(grammar.vocabulary)
        var generator = SplitMix64(seed: 11)
        var seen = Set<String>()
        for _ in 0..<2000 {
            let sentence = grammar.sentence(using: &generator)
            let words = sentence.split(separator: " ").map(String.init)
            #expect(!words.isEmpty)
            #expect(words.allSatisfy(vocabulary.contains))
            seen.formUnion(words)
        }
        // Sampling reaches most of the grammar, including digit strings.
        #expect(Double(seen.count) > 0.9 * Double(vocabulary.count))
        #expect(seen.contains("oh") && seen.contains("zero"))
    }

    @Test func sameSeedSameSentences() throws {
        let grammar = try Grammar.voiceSearch()
        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5), c = SplitMix64(seed: 6)
        let first = (0..<20).map { _ in grammar.sentence(using: &a) }
        #expect(first == (0..<20).map { _ in grammar.sentence(using: &b) })
        #expect(first != (0..<20).map { _ in grammar.sentence(using: &c) })
    }

    @Test func parsesContinuationsAndComments() throws {
        let grammar = try Grammar(text: "# comment\nquery = call $who  # trailing\n | dial $who\nwho = mom | dad\n", source: "g")
        #expect(grammar.rules["query"]?.count == 2)
        #expect(grammar.vocabulary == ["call", "dad", "dial", "mom"])
    }

    @Test func errorsNameTheLine() {
        let cases: [(String, String)] = [
            ("query = call $who\n", "g:1: rule \"who\" is not defined"),
            ("query = hi\nquery = again\n", "g:2: rule \"query\" already defined on line 1"),
            ("| orphan\n", "g:1: continuation \"|\" before any rule"),
            ("query = Call mom\n", "g:1: word \"Call\" must be lower-case letters (and apostrophes)"),
            ("query = a || b\n", "g:1: empty alternative in rule \"query\""),
            ("just words\n", "g:1: expected \"name = alternative | ...\""),
            ("other = hi\n", "g: no start rule \"query\""),
            ("query = $a\na = $b | x\nb = $a\n", "g: rules refer to themselves: a -> b -> a"),
        ]
        for (text, message) in cases {
            #expect { try Grammar(text: text, source: "g") } throws: { String(describing: $0) == message }
        }
    }
}
