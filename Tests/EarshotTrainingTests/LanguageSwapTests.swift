import EarshotDecoder
import EarshotRecognizer
import EarshotTraining
import Foundation
import Testing

/// `earshot models set-lm` / `export-lm`: new words without retraining, ARPA round trip, errors.
@Suite(.timeLimit(.minutes(5))) struct LanguageSwapTests {
    static let weatherClip = TrainingRecipeTests.fixtures + "/audio/speech/weather.wav"

    /// The shipped model hears "boston" only while the word is in its lexicon and LM.
    @Test func aWordAddedByTextIsRecognizedWithoutRetraining() throws {
        let shipped = try Recognizer.defaultBundle()
        let sentences = ["what's the weather in berlin today", "what's the weather in paris today", "weather in madrid tomorrow"]
        let without = try LanguageSwap.fromText(shipped, sentences: sentences, order: 3, source: "test")
        let with = try LanguageSwap.fromText(shipped, sentences: sentences + ["what's the weather in boston today"], order: 3, source: "test")
        #expect(without.lexicon?.words.contains("boston") == false)
        #expect(with.model == shipped.model)  // the acoustic model is untouched
        let heardWithout = try Recognizer(bundle: without).transcribe(path: Self.weatherClip).transcript.text
        let heardWith = try Recognizer(bundle: with).transcribe(path: Self.weatherClip).transcript.text
        #expect(!heardWithout.contains("boston"))
        #expect(heardWith == "what's the weather in boston today")
    }

    @Test func arpaRoundTripKeepsTheLanguageModel() throws {
        let shipped = try Recognizer.defaultBundle()
        let arpa = try #require(shipped.languageModel).arpa()
        let reloaded = try LanguageSwap.fromARPA(shipped, arpa: arpa, source: "default.arpa")
        #expect(reloaded.languageModel?.arpa() == arpa)
        #expect(Set(reloaded.lexicon?.words ?? []) == Set(shipped.lexicon?.words ?? []))
    }

    @Test func wordsOutsideTheModelsCharactersAreRejectedNamingTheSource() throws {
        let shipped = try Recognizer.defaultBundle()
        #expect { try LanguageSwap.fromText(shipped, sentences: ["play café music"], order: 2, source: "queries.txt") } throws: { error in
            "\(error)".hasPrefix("queries.txt: ")
        }
        #expect { try LanguageSwap.fromText(shipped, sentences: ["", "  "], order: 2, source: "empty.txt") } throws: { error in
            "\(error)" == "empty.txt: no sentences"
        }
        #expect { try LanguageSwap.fromARPA(shipped, arpa: "\\data\\\nngram 1=oops\n", source: "bad.arpa") } throws: { error in
            "\(error)".hasPrefix("bad.arpa: ")
        }
    }
}
