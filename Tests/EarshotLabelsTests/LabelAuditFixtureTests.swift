import Foundation
import Testing
import EarshotScoring
@testable import EarshotLabels

/// The fixture `Fixtures/labels/labels.tsv` injects one convention problem per clip (c01–c07,
/// c16), a badly disagreeing clip (c08), a mildly disagreeing one (c09), five clean clips
/// (c10–c14) and a duplicate row. See Fixtures/README.md.
@Suite(.timeLimit(.minutes(5))) struct LabelAuditFixtureTests {
    let report: LabelAuditReport

    init() throws {
        let set = try LabelReader.read(path: FixturePaths.labels)
        report = LabelAudit().run(set, source: FixturePaths.labels)
    }

    /// The kinds each clip is expected to show, worked out by hand from the fixture.
    static let expectedKinds: [String: Set<ConventionKind>] = [
        "c01": [.casing, .punctuation, .fillers],
        "c02": [.casing],
        "c03": [.punctuation],
        "c04": [.fillers],
        "c05": [.numbers],
        "c06": [.contractions],
        "c07": [.compounds],
        "c16": [.casing, .punctuation, .fillers, .numbers, .contractions],
    ]

    @Test func everyInjectedConventionProblemIsFoundAndNoCleanClipIsFlagged() {
        var found: [String: Set<ConventionKind>] = [:]
        for clip in report.clipFindings where !clip.conventionKinds.isEmpty {
            found[clip.clipID] = Set(clip.conventionKinds)
        }
        #expect(found == Self.expectedKinds)
        #expect(report.flaggedClips.map(\.clipID) == ["c08"])
        let substantive = Set(report.disagreeingPairs.filter(\.isSubstantive).map(\.clipID))
        #expect(substantive == ["c08", "c09"])
        for clean in ["c10", "c11", "c12", "c13", "c14"] {
            #expect(!report.disagreeingPairs.contains { $0.clipID == clean })
        }
        // c08's three pairs and c09's two differ in words; c01, c07 and c16 have 3 pairs that
        // differ only in convention, c02–c06 two each (two of their annotators agree).
        #expect(report.substantivePairs == 5)
        #expect(report.conventionOnlyPairs == 19)
        // c01–c08 and c16 are inconsistent: 9 of 15 clips.
        #expect(report.inconsistentClips == 9)
        #expect(abs(report.inconsistencyRate - 9.0 / 15) < 1e-12)
    }

    @Test func conventionCountsAndExamples() throws {
        let fillers = try #require(report.conventions.first { $0.kind == .fillers })
        // c01: ann–cy, bob–cy; c04: ann–bob, ann–cy; c16: ann–bob, bob–cy.
        #expect(fillers.inconsistentPairs == 6)
        #expect(fillers.inconsistentClips == 3)
        #expect(fillers.examples.first?.clipID == "c01")
        // Fillers written in 5 of the 9 transcripts of the clips where someone wrote one.
        #expect(fillers.usage.marked == 5 && fillers.usage.eligible == 9)
        let numbers = try #require(report.conventions.first { $0.kind == .numbers })
        #expect(numbers.usage.marked == 2 && numbers.usage.eligible == 6)
        #expect(numbers.recommended == ConventionKind.numbers.neutralForm)
    }

    @Test func duplicateRowIsReportedAndLeftOut() {
        #expect(report.labels == 45)
        #expect(report.problems.count == 1)
        #expect(report.problems[0].contains("labels.tsv:8"))
    }

    @Test func humanLevelPerformanceMatchesHandComputation() {
        // Reconciled transcripts per clip, pair words = both lengths, errors = 2 × edit distance:
        // c08 "navigate to boston/austin", "directions to houston": distances 1, 2, 2 → 10 errors
        // over 3 pairs × 6 words; c09 one word of 10 differs for two pairs → 4 errors over 60.
        // Words of the other clips: c01 2, c02 2, c03 4, c04 3, c05 5, c06 5, c07 3, c10 4,
        // c11 4, c12 5, c13 3, c14 1, c16 5, each × 2 per pair × 3 pairs.
        let otherWords = [2, 2, 4, 3, 5, 5, 3, 4, 4, 5, 3, 1, 5].reduce(0, +) * 6
        let words = otherWords + 18 + 60
        #expect(report.humanLevel.overall.words == words)
        #expect(report.humanLevel.overall.errors == 14)
        #expect(abs(report.humanLevel.overall.wer - 14.0 / 354) < 1e-12)
        #expect(report.humanLevel.wer(slice: "noise=car") == 10.0 / 48)  // c01, c04, c08
        #expect(report.humanLevel.wer(slice: "noise=quiet") == 4.0 / 306)
    }

    @Test func humanLevelFileFeedsEarshotWer() throws {
        let table = try HumanLevelTable.parse(report.humanLevel.tsv(), path: "hlp.tsv")
        let car = try #require(table["noise", "car"])
        #expect(abs(car - 10.0 / 48) < 1e-6)
        #expect(table.wer.count == 2)
    }

    @Test func annotatorsAgainstConsensusAndHabits() throws {
        let byName = Dictionary(uniqueKeysWithValues: report.annotatorSummaries.map { ($0.annotator, $0) })
        let ann = try #require(byName["ann"]), bob = try #require(byName["bob"]), cy = try #require(byName["cy"])
        // Consensus words summed over the 15 clips: 59. c08's consensus is "navigate to boston"
        // (bob: 1 error, cy: 2); c09's is the majority's (cy: 1 error).
        #expect(ann.consensusWords == 59 && ann.errors == 0)
        #expect(bob.errors == 1)
        #expect(cy.errors == 3)
        #expect(ann.habits["fillers"] == 1.0)  // ann keeps fillers
        #expect(bob.habits["fillers"] == 1.0 / 3)
        #expect(ann.habits["numbers"] == 1.0)  // ann writes digits
        #expect(cy.habits["numbers"] == 0)
        let c08 = try #require(report.clipFindings.first { $0.clipID == "c08" })
        #expect(c08.consensus == "navigate to boston")
    }

    @Test func csvListsEveryDisagreeingPairAndFlaggedClip() {
        let csv = AuditCSV.rows(labels: report, verification: nil)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == Substring(AuditCSV.header))
        #expect(lines.count == 1 + report.disagreeingPairs.count + report.flaggedClips.count)
        #expect(csv.contains("clip,flagged,c08"))
    }
}
