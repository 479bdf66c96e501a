import Foundation
import EarshotRecognizer
import EarshotTestSupport
import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct TranscribeCommandTests {
    static let fixtures = TestFixtures.root.path

    @Test func helpShowsExamples() {
        let help = TranscribeCommand.helpMessage()
        #expect(help.contains("Examples:"))
        #expect(help.contains("--manifest"))
        #expect(help.contains("--shard"))
        #expect(TrainCommand.helpMessage().contains("Examples:"))
        #expect(TrainCommand.helpMessage().contains("--resume"))
    }

    @Test func validatesOptions() throws {
        #expect(throws: (any Error).self) { try TranscribeCommand.parse([]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["a.wav", "--manifest", "m.jsonl"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["a.wav", "--out", "h.jsonl"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["--manifest", "m.jsonl", "--shard", "4/4"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["--manifest", "m.jsonl", "--out", "m.jsonl"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["a.wav", "--beam", "0"]) }
        #expect(throws: (any Error).self) { try TrainCommand.parse(["--train", "t.jsonl", "--dev", "d.jsonl", "--out", "t.jsonl"]) }
        let command = try TranscribeCommand.parse(["--manifest", "m.jsonl", "--out", "h.jsonl", "--shard", "1/3"])
        #expect(command.shard == "1/3")
    }

    @Test func manifestRowsResolveAgainstTheManifest() throws {
        let items = try TranscribeCommand.manifestItems(Self.fixtures + "/recognizer/manifest.jsonl")
        #expect(items.count == 13)
        #expect(items.allSatisfy { FileManager.default.fileExists(atPath: $0.path) && $0.id != nil })
    }

    /// --timings: a row per stage plus what the stages leave of the process's CPU; the JSON form
    /// carries the same figures.
    @Test func timingsReportEveryStage() throws {
        let report = TranscribeTimings(files: 2, audioSeconds: 3, loadModel: 0.01,
                                       stages: StageTimings(decode: 0.02, resample: 0.03, features: 0.04, network: 0.05, search: 0.06),
                                       output: 0.001, wallSeconds: 0.3, processCPUSeconds: 0.4)
        let table = report.table()
        for name in ["load model", "decode", "resample", "features", "network", "search", "output", "other"] {
            #expect(table.contains(name), "no \(name) row")
        }
        #expect(table.contains("0.189 s CPU"), "other = 0.4 - 0.211")
        let json = try JSONSerialization.jsonObject(with: Data(report.jsonLine().utf8)) as? [String: Any]
        #expect((json?["stages"] as? [String: Double])?["network"] == 0.05)
        #expect(json?["process_cpu_seconds"] as? Double == 0.4)
        #expect(TranscribeCommand.helpMessage().contains("--timings"))
    }
}
