import ArgumentParser
import EarshotTestSupport
import Foundation
import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct AuditCommandTests {
    @Test func helpShowsExamples() {
        let help = AuditCommand.helpMessage()
        #expect(help.contains("Examples:"))
        #expect(help.contains("--write-normalized"))
        #expect(help.contains("--max-inconsistency"))
    }

    @Test func usageErrorsAreCaughtBeforeRunning() {
        #expect(throws: (any Error).self) { try AuditCommand.parse([]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--json", "--csv"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--max-inconsistency", "lots"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--normalize-conventions", "casing,spelling"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--write-normalized", "l.tsv"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--allowed-chars", "z-a"]) }
    }

    @Test func conventionListParses() {
        #expect(AuditCommand.conventions("casing,fillers")?.kinds == [.casing, .fillers])
        #expect(AuditCommand.conventions("casing,nope") == nil)
    }
}

/// The command end to end on the fixtures: outputs, HLP file, normalized labels, exit codes.
@Suite(.timeLimit(.minutes(5))) struct AuditCommandRunTests {
    static let fixtures = TestFixtures.root.appendingPathComponent("labels")

    func scratch(_ label: String = #function) -> URL {
        (try? ScratchDirectory.make(label)) ?? FileManager.default.temporaryDirectory
    }

    func exitCode(_ arguments: [String]) async -> Int32 {
        do {
            let command = try AuditCommand.parse(arguments)
            try await command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return -1
        }
    }

    @Test func gateOutputsAndNormalizedLabels() async throws {
        let out = scratch()
        let labels = Self.fixtures.appendingPathComponent("labels.tsv").path
        let report = out.appendingPathComponent("report.json").path
        let hlp = out.appendingPathComponent("hlp.tsv").path
        let normalized = out.appendingPathComponent("clean.tsv").path
        // 60% of the fixture's clips are inconsistent: over a 50% gate, exit 3.
        #expect(await exitCode([labels, "--json", "--output", report, "--hlp", hlp, "--write-normalized", normalized,
                                "--max-inconsistency", "50%"]) == 3)
        let json = try String(contentsOfFile: report, encoding: .utf8)
        #expect(json.split(separator: "\n").count == 1 && json.contains("\"input\":\"labels\""))
        #expect(try String(contentsOfFile: hlp, encoding: .utf8).contains("noise=car\t0.208333"))
        #expect(try String(contentsOfFile: normalized, encoding: .utf8).contains("c02\tann\tcall mom"))
        // Under the gate, the duplicate row still makes it exit 1.
        #expect(await exitCode([labels, "--output", report, "--max-inconsistency", "0.7"]) == 1)
    }

    @Test func manifestVerificationExitsOneForMissingAudio() async throws {
        let out = scratch().appendingPathComponent("flagged.csv").path
        let manifest = Self.fixtures.appendingPathComponent("manifest.jsonl").path
        #expect(await exitCode(["--manifest", manifest, "--expected-rate", "8000", "--csv", "--output", out]) == 1)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.contains("data,clipping,d-clipped"))
        #expect(csv.contains("data,sample-rate-mismatch,d-rate-mismatch"))
    }
}
