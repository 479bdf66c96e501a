import EarshotText
import Foundation
import Testing
@testable import EarshotScoring

@Suite(.timeLimit(.minutes(5))) struct ReportTests {
    static func job(_ files: [String: String], extra: (inout WerJob) -> Void = { _ in }) throws -> WerReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-wer-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        var job = WerJob(referencePath: path("ref.trn"), hypothesisPath: path("hyp.jsonl"),
                         options: ScoringOptions(keepAlignments: true), replicates: 100)
        if files["tags.txt"] != nil { job.tagsPath = path("tags.txt") }
        if files["hlp.tsv"] != nil { job.humanLevelPath = path("hlp.tsv") }
        if files["b.jsonl"] != nil { job.comparePath = path("b.jsonl") }
        extra(&job)
        return try job.run()
    }

    static let files = [
        "ref.trn": "the cat sat (s1_u1)\nhello world (s2_u2)\nbad line\n",
        "hyp.jsonl": #"{"id": "s1_u1", "pred_text": "the bat sat down"}"# + "\n" + #"{"id": "s2_u2", "pred_text": "hello world"}"# + "\n",
        "b.jsonl": #"{"id": "s1_u1", "pred_text": "the cat sat"}"# + "\n" + #"{"id": "s2_u2", "pred_text": "hello"}"# + "\n",
        "tags.txt": "s1_u1 noise=car speaker=s1\ns2_u2 noise=clean speaker=s2\n",
        "hlp.tsv": "noise=car\t0.1\n",
    ]

    @Test func textReportStatesItsSettingsAndShowsEverySection() throws {
        let report = try Self.job(Self.files) { $0.maxWER = 0.2 }
        let text = report.text(alignments: true)
        #expect(text.contains("normalization  standard (lowercase, expand-contractions"))
        #expect(text.contains("alignment      jiwer 4"))
        #expect(text.contains("| s1 "))
        #expect(text.contains("REF:  the CAT sat ****"))
        #expect(text.contains("HYP:  the BAT sat DOWN"))
        #expect(text.contains("Eval:     S       I"))
        #expect(text.contains("cat ==> bat"))
        #expect(text.contains("noise=car"))
        #expect(text.contains("Comparison: A = "))
        #expect(report.problems.count == 1 && report.problems[0].hasSuffix("ref.trn:3: malformed line: a trn line must end with '(utterance-id)'"))
        #expect(abs(report.summary.wer - 2.0 / 5.0) < 1e-12)
        #expect(report.gateExceeded)
        #expect(report.slices.first?.name == "noise=car" && report.slices.first?.priority != nil)
        #expect(report.comparison?.rows.first?.slice == "all")
    }

    @Test func speakersFromUtteranceIDs() throws {
        var files = Self.files
        files["tags.txt"] = nil
        let report = try Self.job(files) { $0.speakerFromID = true }
        #expect(report.speakers.map(\.speaker) == ["s1", "s2"])
        #expect(report.speakers.map(\.summary.utterances) == [1, 1])
    }

    @Test func csvAndJSONCarryTheTables() throws {
        let report = try Self.job(Self.files)
        let csv = report.csv()
        for table in ["# summary", "# utterances", "# speakers", "# slices", "# confusions", "# comparison"] {
            #expect(csv.contains(table + "\n"), "missing \(table)")
        }
        #expect(csv.contains("s1_u1,3,2,1,0,1,"))
        let json = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(WerReport.self, from: json)
        #expect(decoded.summary == report.summary)
        #expect(decoded.normalization == .standard)
        #expect(!report.gateExceeded)
    }
}
