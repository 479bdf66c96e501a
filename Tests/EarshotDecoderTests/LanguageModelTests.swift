import Foundation
import Testing
@testable import EarshotDecoder

@Suite(.timeLimit(.minutes(5))) struct LanguageModelTests {
    static let sentences: [[String]] = [
        "call five five five one two", "call mom", "what's the weather in boston",
        "what's the weather in paris today", "set a timer for five minutes", "call five one one",
        "play music", "play jazz in the kitchen", "set a timer for ten minutes", "call dad",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Interpolated Kneser–Ney must give a proper distribution after every history.
    @Test(arguments: [1, 2, 3, 4])
    func probabilitiesSumToOne(order: Int) throws {
        let model = try NGramLanguageModel.train(sentences: Self.sentences, order: order)
        let predictable = model.vocabulary.indices.map(Int32.init).filter { $0 != model.startID }
        var histories: [[Int32]] = [[model.startID], []]
        for sentence in Self.sentences.prefix(4) {
            var history = [model.startID]
            for word in sentence {
                history.append(model.id(of: word)!)
                histories.append(Array(history.suffix(max(order - 1, 0))))
            }
        }
        histories.append([model.id(of: "boston")!, model.id(of: "call")!])  // never seen together
        for history in histories {
            let total = predictable.reduce(0.0) { $0 + pow(10, model.log10Probability(of: $1, after: history)) }
            #expect(abs(total - 1) < 1e-6, "history \(history) sums to \(total)")
        }
    }

    @Test func seenContinuationsBeatUnseenOnes() throws {
        let model = try NGramLanguageModel.train(sentences: Self.sentences, order: 3)
        let history = [model.id(of: "the")!]
        let seen = model.logProbability(of: model.id(of: "weather")!, after: history)
        let unseen = model.logProbability(of: model.id(of: "jazz")!, after: history)
        #expect(seen > unseen + 1)
        #expect(model.id(of: "zebra") == model.unknownID)
        #expect(model.logProbability(of: model.unknownID!, after: history) > -.infinity)
    }

    /// A bigram model of two sentences, computed by hand from the Kneser–Ney formulas.
    @Test func matchesAHandComputation() throws {
        let model = try NGramLanguageModel.train(sentences: [["a", "b"], ["a"]], order: 2)
        // Unigram continuation counts: a 1 (only after <s>), b 1, </s> 2; total 4, 3 types;
        // D1 = n1 / (n1 + 2 n2) = 2 / 4; predictable words: </s>, <unk>, a, b.
        // Bigram counts: <s> a ×2, a b, b </s>, a </s>; D2 = 3 / 5.
        let unigram = { (count: Double) in log10(max(count - 0.5, 0) / 4 + 0.5 * 3 / 4 / 4) }
        #expect(abs(model.log10Probability(of: model.id(of: "a")!, after: []) - unigram(1)) < 1e-9)
        #expect(abs(model.log10Probability(of: model.endID, after: []) - unigram(2)) < 1e-9)
        // P(b | a) = (1 - D2) / 2 + (D2 * 2 / 2) * P_uni(b)
        let expected = log10(0.4 / 2 + 0.6 * pow(10, unigram(1)))
        #expect(abs(model.log10Probability(of: model.id(of: "b")!, after: [model.id(of: "a")!]) - expected) < 1e-9)
    }

    @Test func arpaRoundTripKeepsEveryProbability() throws {
        let model = try NGramLanguageModel.train(sentences: Self.sentences, order: 3)
        let text = model.arpa()
        let parsed = try NGramLanguageModel.parseARPA(text)
        #expect(parsed.order == 3)
        #expect(parsed.counts == model.counts)
        #expect(parsed.arpa() == text)
        for sentence in Self.sentences + [["call", "zebra", "now"]] {
            let a = model.log10Probability(ofSentence: sentence)
            let b = parsed.log10Probability(ofSentence: sentence)
            #expect(abs(a - b) < 1e-5)
        }
    }

    @Test func codableStoresTheModelAsARPA() throws {
        let model = try NGramLanguageModel.train(sentences: Self.sentences, order: 2)
        let data = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(NGramLanguageModel.self, from: data)
        #expect(decoded.arpa() == model.arpa())
    }

    @Test(arguments: [
        ("\\data\\\nngram 1=2\n\n\\1-grams:\n-1.0\ta\n\\end\\\n", 1, "declares 2"),
        ("\\data\\\nngram 1=1\n\n\\1-grams:\nxyz\ta\n\\end\\\n", 5, "not a log probability"),
        ("\\data\\\nngram 1=1\nngram 2=1\n\n\\1-grams:\n-1\ta\n\n\\2-grams:\n-1\ta b\n\\end\\\n", 9, "no unigram"),
        ("\\data\\\nngram 1=1\n\n\\1-grams:\n-1\ta\n", 5, "missing \\end\\"),
        ("hello\n", 1, "no \\data\\"),
        ("\\data\\\nngram one=1\n", 2, "expected 'ngram N=COUNT'"),
    ])
    func malformedARPANamesTheLine(text: String, line: Int, reason: String) {
        #expect {
            _ = try NGramLanguageModel.parseARPA(text, source: "lm.arpa")
        } throws: { error in
            guard case .malformedARPA(let source, let found, let message) = error as? DecoderError else { return false }
            return source == "lm.arpa" && found == line && message.contains(reason)
        }
    }

    @Test func rejectsAnImpossibleOrder() {
        #expect(throws: DecoderError.self) { _ = try NGramLanguageModel.train(sentences: [], order: 0) }
    }
}
