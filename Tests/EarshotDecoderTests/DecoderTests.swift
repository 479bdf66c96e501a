import EarshotCore
import Foundation
import Testing
@testable import EarshotDecoder

/// Builds log posteriors in which each frame puts most of its mass on the named units.
struct PosteriorBuilder {
    let inventory: UnitInventory

    /// Each frame is a list of (unit, probability); the rest of the mass is spread evenly.
    func frames(_ frames: [[(String, Double)]]) -> [Float] {
        var matrix: [Float] = []
        for frame in frames {
            var row = [Double](repeating: 0, count: inventory.symbols.count)
            var used = 0.0
            for (unit, probability) in frame {
                row[inventory.index(of: unit)!] = probability
                used += probability
            }
            let rest = max(1 - used, 1e-6) / Double(row.count(where: { $0 == 0 }))
            matrix += row.map { Float(log($0 == 0 ? rest : $0)) }
        }
        return matrix
    }

    /// One confident frame per symbol; "_" is the blank.
    func spell(_ symbols: [String], confidence: Double = 0.9) -> [Float] {
        frames(symbols.map { [($0 == "_" ? inventory.symbols[inventory.blank] : $0, confidence)] })
    }
}

@Suite(.timeLimit(.minutes(5))) struct DecoderTests {
    static let characters = try! UnitInventory(
        symbols: ["<blank>", " ", "'"] + "abcdefghijklmnopqrstuvwxyz".map { String($0) },
        blank: 0, wordBoundary: .separator(" "))
    static let builder = PosteriorBuilder(inventory: characters)

    static func symbols(_ text: String) -> [String] { text.map { $0 == "_" ? "_" : String($0) } }

    func decoder(words: [String], sentences: [String] = [], configuration: BeamSearchConfiguration = .init()) throws -> LexiconDecoder {
        let model = sentences.isEmpty ? nil : try NGramLanguageModel.train(sentences: sentences.map { $0.split(separator: " ").map(String.init) }, order: 3)
        return try LexiconDecoder(inventory: Self.characters, lexicon: .spelling(words), languageModel: model, configuration: configuration)
    }

    @Test func spellsWordsSeparatedBySpaces() throws {
        let decoder = try decoder(words: ["call", "five", "fine", "nine"])
        // A blank between the two l's keeps them apart, as CTC requires.
        let posteriors = Self.builder.spell(Self.symbols("_cal_l_ ffive__"))
        let transcript = try decoder.decode(logPosteriors: posteriors, frameCount: 15)
        #expect(transcript.text == "call five")
        #expect(transcript.confidence > 0.5)
        #expect(transcript.words.allSatisfy { $0.confidence > 0.8 })
    }

    @Test func staysInsideTheLexicon() throws {
        let decoder = try decoder(words: ["call", "five", "nine"])
        // "fivx" is no word; the decoder must settle on the closest word it knows.
        let posteriors = Self.builder.frames([
            [("f", 0.9)], [("i", 0.9)], [("v", 0.9)], [("x", 0.6), ("e", 0.3)], [("<blank>", 0.9)],
        ])
        let transcript = try decoder.decode(logPosteriors: posteriors, frameCount: 5)
        #expect(transcript.text == "five")
        #expect(transcript.words[0].confidence < 0.9)
    }

    @Test func languageModelSettlesAcousticTies() throws {
        let tie: [[(String, Double)]] = Self.symbols("cal_l_ fi").map { [($0 == "_" ? "<blank>" : $0, 0.9)] }
            + [[("v", 0.45), ("n", 0.45)], [("e", 0.9)]]
        let posteriors = Self.builder.frames(tie)
        var configuration = BeamSearchConfiguration()
        configuration.languageModelWeight = 1
        let favoursFive = try decoder(words: ["call", "five", "fine"], sentences: ["call five", "call five now", "i am fine"], configuration: configuration)
        let favoursFine = try decoder(words: ["call", "five", "fine"], sentences: ["call fine", "call fine now", "five"], configuration: configuration)
        #expect(try favoursFive.decode(logPosteriors: posteriors, frameCount: tie.count).text == "call five")
        #expect(try favoursFine.decode(logPosteriors: posteriors, frameCount: tie.count).text == "call fine")
    }

    /// A word added to the lexicon and language model is recognized with the same acoustics.
    @Test func newWordNeedsNoRetraining() throws {
        let posteriors = Self.builder.spell(Self.symbols("cal_l zebra"))
        let without = try decoder(words: ["call", "five"], sentences: ["call five"])
        let with = try decoder(words: ["call", "five", "zebra"], sentences: ["call five", "call zebra"])
        let withoutZebra = try without.decode(logPosteriors: posteriors, frameCount: 11)
        #expect(withoutZebra.text != "call zebra")
        // The known word is still found; only the unknown one cannot be.
        #expect(withoutZebra.words.first?.word == "call")
        #expect(try with.decode(logPosteriors: posteriors, frameCount: 11).text == "call zebra")
    }

    @Test func wordTimesFollowTheFrames() throws {
        var configuration = BeamSearchConfiguration()
        configuration.secondsPerFrame = 0.04
        let decoder = try decoder(words: ["oh", "two"], configuration: configuration)
        let posteriors = Self.builder.spell(Self.symbols("__oh___ two__"))
        let words = try decoder.decode(logPosteriors: posteriors, frameCount: 13).words
        #expect(words.map(\.word) == ["oh", "two"])
        #expect(abs(words[0].start - 0.08) < 1e-9 && abs(words[0].end - 0.16) < 1e-9)
        #expect(abs(words[1].start - 0.32) < 1e-9 && abs(words[1].end - 0.44) < 1e-9)
    }

    @Test func phoneModelsNeedNoSeparator() throws {
        let phones = try! UnitInventory(symbols: ["<b>", "sil", "k", "ao", "l", "f", "ay", "v"], blank: 0, wordBoundary: .implicit(silence: "sil"))
        let lexicon = try Lexicon.parse("call k ao l\nfive f ay v\n")
        let decoder = try LexiconDecoder(inventory: phones, lexicon: lexicon, languageModel: nil)
        let builder = PosteriorBuilder(inventory: phones)
        let posteriors = builder.spell(["sil", "k", "ao", "l", "f", "ay", "ay", "v", "_", "sil"])
        #expect(try decoder.decode(logPosteriors: posteriors, frameCount: 10).text == "call five")
    }

    @Test func silenceAndNothingGiveAnEmptyTranscript() throws {
        let decoder = try decoder(words: ["five"])
        #expect(try decoder.decode(logPosteriors: [], frameCount: 0).words.isEmpty)
        let blanks = Self.builder.spell(["_", "_", "_"])
        #expect(try decoder.decode(logPosteriors: blanks, frameCount: 3).text == "")
    }

    @Test func badInputsAreErrors() throws {
        let decoder = try decoder(words: ["five"])
        #expect(throws: DecoderError.self) { _ = try decoder.decode(logPosteriors: [0, 0], frameCount: 1) }
        var posteriors = Self.builder.spell(["f"])
        posteriors[3] = .nan
        #expect(throws: DecoderError.self) { _ = try decoder.decode(logPosteriors: posteriors, frameCount: 1) }
        #expect(throws: DecoderError.unknownUnit(word: "née", unit: "é")) {
            _ = try LexiconDecoder(inventory: Self.characters, lexicon: .spelling(["née"]), languageModel: nil)
        }
    }

    @Test func decodesFromManyTasksAtOnce() async throws {
        let decoder = try decoder(words: ["call", "five", "nine", "mom"], sentences: ["call mom", "call five"])
        let posteriors = Self.builder.spell(Self.symbols("cal_l mom"))
        let expected = try decoder.decode(logPosteriors: posteriors, frameCount: 9)
        let results = try await withThrowingTaskGroup(of: Transcript.self) { group in
            for _ in 0..<16 { group.addTask { try decoder.decode(logPosteriors: posteriors, frameCount: 9) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.text == "call mom")
    }
}

@Suite(.timeLimit(.minutes(5))) struct GreedyDecoderTests {
    @Test func mergesRepeatsAndDropsBlanks() throws {
        let greedy = GreedyDecoder(inventory: DecoderTests.characters, secondsPerFrame: 0.02)
        let posteriors = DecoderTests.builder.spell(DecoderTests.symbols("cc_al_l  mmom"))
        let transcript = try greedy.decode(logPosteriors: posteriors, frameCount: 13)
        #expect(transcript.text == "call mom")
        #expect(transcript.words[1].start == 0.18)
        #expect(abs(transcript.confidence - 0.9) < 1e-3)
    }

    /// Log posteriors putting `confidence` on the given unit per frame, the rest spread evenly,
    /// over the units blank, "a", "b" (a model without a separator: phones, digits).
    static func path(_ units: [Int], confidence: Double = 0.8) -> [Float] {
        units.flatMap { best in (0..<3).map { Float(log($0 == best ? confidence : (1 - confidence) / 2)) } }
    }
    static let ab = try! UnitInventory(symbols: ["_", "a", "b"], blank: 0, wordBoundary: .implicit(silence: nil))

    @Test func bestPathKeepsFirstFramesAndEdges() throws {
        let greedy = GreedyDecoder(inventory: Self.ab)
        let path = try greedy.bestPath(logPosteriors: Self.path([0, 1, 1, 0, 1, 2, 2, 0]), frameCount: 8)
        #expect(path.map(\.unit) == [1, 1, 2] && path.map(\.frame) == [1, 4, 5])
        #expect(path.allSatisfy { abs(exp(Double($0.logPosterior)) - 0.8) < 1e-5 })
        #expect(try greedy.bestPath(logPosteriors: Self.path([0, 0, 0]), frameCount: 3).isEmpty)
        #expect(try greedy.bestPath(logPosteriors: Self.path([2, 0, 1]), frameCount: 3).map(\.frame) == [0, 2])
        #expect(try greedy.bestPath(logPosteriors: [], frameCount: 0).isEmpty)
        #expect(throws: DecoderError.self) { try greedy.bestPath(logPosteriors: [0, 0], frameCount: 1) }
    }

    @Test func confidenceFallsWithUncertainty() throws {
        let greedy = GreedyDecoder(inventory: DecoderTests.characters)
        let sure = try greedy.decode(logPosteriors: DecoderTests.builder.spell(DecoderTests.symbols("cc_al_l")), frameCount: 7)
        let single = GreedyDecoder(inventory: Self.ab)
        let unsure = try single.decode(logPosteriors: Self.path([1, 0, 2], confidence: 0.4), frameCount: 3)
        let confident = try single.decode(logPosteriors: Self.path([1, 0, 2], confidence: 0.95), frameCount: 3)
        #expect(sure.text == "call")
        #expect(confident.confidence > unsure.confidence)
        #expect(abs(unsure.confidence - 0.4) < 1e-5)
    }
}
