import EarshotScoring
import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct WerCommandTests {
    @Test func helpShowsExamplesAndConventions() {
        let help = WerCommand.helpMessage()
        #expect(help.contains("Examples:"))
        #expect(help.contains("earshot wer --ref"))
        #expect(help.contains("--align"))
        #expect(help.contains("--max-wer"))
    }

    /// One WER convention: what `earshot wer` states by default is what dev WER (the scorer's
    /// default options), live WER, shadow disagreement and the probe gate (TranscriptWER) use.
    @Test func oneNormalizationEverywhere() throws {
        let command = try WerCommand.parse(["--ref", "r.jsonl", "--hyp", "h.jsonl"])
        #expect(command.normalize == ScoringOptions().normalizer.name)
        #expect(ScoringOptions().normalizer.steps == TranscriptWER.normalizer.steps)
    }

    @Test func validatesOptions() throws {
        #expect(throws: (any Error).self) { try WerCommand.parse(["--ref", "r", "--hyp", "h", "--json", "--csv"]) }
        #expect(throws: (any Error).self) { try WerCommand.parse(["--ref", "r", "--hyp", "h", "--normalize", "shout"]) }
        #expect(throws: (any Error).self) { try WerCommand.parse(["--ref", "r", "--hyp", "h", "--max-wer", "lots"]) }
        #expect(throws: (any Error).self) { try WerCommand.parse(["--ref", "r", "--hyp", "h", "--output", "r"]) }
        #expect(throws: (any Error).self) { try WerCommand.parse(["--ref", "r", "--hyp", "h", "--align", "nist"]) }
        let command = try WerCommand.parse(["--ref", "r", "--hyp", "h", "--align", "sclite", "--normalize", "lowercase,remove-fillers"])
        #expect(command.align == .sclite)
    }

    @Test func maxWERAcceptsFractionsAndPercentages() {
        #expect(WerCommand.parseRate("0.15") == 0.15)
        #expect(WerCommand.parseRate("15%") == 0.15)
        #expect(WerCommand.parseRate("-1") == nil)
    }
}
