import Foundation
import Testing
@testable import EarshotLabels

/// `Fixtures/labels/manifest.jsonl`: ten clean FSDD entries (m00–m09) and one injected
/// problem per `d-*` entry, plus a second `m02`. See Fixtures/README.md.
@Suite(.timeLimit(.minutes(5))) struct DataVerifierTests {
    let report: VerificationReport

    init() throws {
        let options = DataVerifier.Options(allowedCharacters: try AllowedCharacters(),
                                           lexicon: try WordList.read(path: FixturePaths.lexicon), expectedSampleRate: 8000)
        report = try DataVerifier(options: options).verify(manifestPath: FixturePaths.manifest)
    }

    @Test func everyInjectedProblemIsFoundAndNothingElse() {
        let found = Set(report.findings.map { "\($0.check.rawValue) \($0.id) \($0.line)" })
        let expected: Set<String> = [
            "missing-audio d-missing 11",
            "unreadable-audio d-corrupt 12",
            "empty-transcript d-empty 13",
            "disallowed-characters d-chars 14",
            "out-of-vocabulary d-oov 15",
            "speaking-rate-outlier d-rate 16",
            "duplicate-id m02 17",
            "sample-rate-mismatch d-rate-mismatch 18",
            "clipping d-clipped 19",
            "silence d-silent 20",
            "identical-audio-different-labels d-copy 21",
            "identical-audio-different-labels m03 4",
        ]
        #expect(found == expected)
        #expect(report.entries == 21)
        #expect(report.audioMeasured == 19)
    }

    @Test func findingsNameTheReason() throws {
        let oov = try #require(report.findings.first { $0.check == .outOfVocabulary })
        #expect(oov.detail.contains("fiive"))
        let characters = try #require(report.findings.first { $0.check == .disallowedCharacters })
        #expect(characters.detail.contains("U+20AC"))
        let copy = try #require(report.findings.first { $0.id == "d-copy" })
        #expect(copy.detail.contains("m03"))
        let rate = try #require(report.findings.first { $0.check == .speakingRateOutlier })
        #expect(rate.detail.contains("audio truncated or label too long"))
    }

    @Test func withoutOptionalChecksOnlyTheirFindingsDisappear() throws {
        let plain = try DataVerifier().verify(manifestPath: FixturePaths.manifest)
        let checks = Set(plain.findings.map(\.check))
        #expect(!checks.contains(.outOfVocabulary))
        #expect(!checks.contains(.disallowedCharacters))
        #expect(!checks.contains(.sampleRateMismatch))
        #expect(checks.contains(.clipping) && checks.contains(.silence))
    }

    @Test func allowedCharacterRanges() throws {
        let allowed = try AllowedCharacters("a-z -")
        #expect(allowed.disallowed(in: "voice-mail now") == [])
        #expect(allowed.disallowed(in: "Voice mail 2!") == ["V", "2", "!"])
        #expect(throws: LabelsError.self) { try AllowedCharacters("z-a") }
    }

    @Test func robustSpreadIgnoresOutliers() throws {
        let spread = try #require(RobustSpread([10, 11, 9, 10, 12, 8, 100]))
        #expect(spread.median == 10)
        #expect(spread.score(100) > 20)
        #expect(abs(spread.score(11)) < 1)
        #expect(RobustSpread([1, 2]) == nil)
    }
}
