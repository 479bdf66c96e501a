import Foundation
import Testing
@testable import EarshotScoring

/// Runs Tests/Reference/wer_reference.py now, against the jiwer and sclite installed on this
/// machine (`make test` installs both: .venv/bin is first on PATH, sctk comes from apt), with
/// a different seed and more pairs than the committed set.
@Suite(.timeLimit(.minutes(5))) struct LiveReferenceTests {
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let jiwerAvailable = run(["python3", "-c", "import jiwer, sys, importlib.metadata as m; sys.exit(0 if m.version('jiwer') == '4.0.0' else 1)"]).status == 0
    static let scliteAvailable = run(["sh", "-c", "command -v sctk || command -v sclite"]).status == 0

    @Test(.enabled(if: jiwerAvailable, "python3 with jiwer 4.0.0 is not on PATH (run `make test`, which installs it in .venv)"))
    func freshRandomPairsAgreeWithInstalledJiwerAndSclite() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-wer-live-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = ReferenceSet.repositoryRoot.appendingPathComponent("Tests/Reference/wer_reference.py").path
        // EARSHOT_WER_LIVE_PAIRS / _SEED run a larger or different set by hand.
        let environment = ProcessInfo.processInfo.environment
        let count = environment["EARSHOT_WER_LIVE_PAIRS"].flatMap(Int.init) ?? 3000
        let seed = environment["EARSHOT_WER_LIVE_SEED"].flatMap(Int.init) ?? 7
        let result = Self.run(["python3", script, "--seed", "\(seed)", "--count", "\(count)", "--out", output.path])
        try #require(result.status == 0, "wer_reference.py failed: \(result.output)")
        let set = try ReferenceSet.load(output)
        #expect(set.sclite == Self.scliteAvailable, "sclite (sctk) should be used whenever it is installed")
        #expect(set.pairs.count == count + 25)
        let problems = try set.disagreements()
        #expect(problems.isEmpty, "\(problems.count) disagreements, first: \(problems.prefix(3))")
    }
}
