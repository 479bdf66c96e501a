import EarshotLoadTest
import EarshotRollout
@testable import EarshotServing
import Foundation
import EarshotTestSupport
import Testing

/// The probe-set quality gate is replayed at every canary step, not once per rollout.
@Suite(.timeLimit(.minutes(5))) struct ProbeStepTests {
    /// Two labelled probes the echo recognizer gets right ("one seconds", "two seconds").
    static func probeManifest() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-probes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lines = ""
        for (seconds, text) in [(1.0, "one seconds"), (2.0, "two seconds")] {
            let name = "p\(Int(seconds)).wav"
            try Data(try TestAudio.wav(seconds: seconds)).write(to: directory.appendingPathComponent(name))
            lines += #"{"audio":"\#(name)","text":"\#(text)"}"# + "\n"
        }
        let manifest = directory.appendingPathComponent("probes.jsonl")
        try Data(lines.utf8).write(to: manifest)
        return manifest.path
    }

    /// The candidate passes the probes at step 1 and then breaks: step 2's own replay catches
    /// it and rolls it back, where one replay per rollout would have promoted it.
    @Test func aCandidateThatBreaksAfterTheFirstStepIsCaughtByTheNextReplay() async throws {
        let candidate = BreakableRecognizer()
        let server = try await RolloutTests.start(others: [candidate])
        let put = try await RolloutTests.putRollout(server, #"""
            {"mode":"canary","candidate":"breakable","schedule":{"steps":[10,50,100],"hold_seconds":0},
             "rules":{"minimum_samples":3},"require_probes":true,"probes":"\#(try Self.probeManifest())"}
            """#)
        #expect(put.status == 200)
        func status() async throws -> [String: Any] { try await RolloutTests.status(server) }
        func evidence() async throws -> [String: Any] { try await status()["evidence"] as? [String: Any] ?? [:] }
        try await eventually("the first step's probe replay", every: .milliseconds(10)) { try await evidence()["probe_step"] as? Int == 0 }
        #expect(try await evidence()["candidate_probe_wer"] as? Double == 0)
        candidate.control.breakIt()

        // Clients the split keeps on the candidate at 10% and beyond.
        let clients = (0..<400).map { "client-\($0)" }.filter { TrafficSplitter.bucket(clientID: $0) < 10 }.prefix(3)
        let audio = try TestAudio.wav(seconds: 1)
        var phase = "ramping"
        for _ in 0..<300 where phase == "ramping" {
            for client in clients {
                #expect(try await server.send("POST", "/v1/transcribe", headers: [("X-Client-Id", client)], body: audio).status == 200)
            }
            phase = try await status()["phase"] as? String ?? ""
            try await Task.sleep(for: .milliseconds(10))
        }
        let final = try await status()
        #expect(phase == "rolled_back")
        let transitions = final["transitions"] as? [[String: Any]] ?? []
        // Off at start-up, canary at 10%, promoted to 50% on step 1's probes, rolled back on step 2's.
        #expect(transitions.compactMap { $0["to_percent"] as? Double } == [0, 10, 50, 0])
        // Times are ISO 8601 with milliseconds, like the logs.
        #expect(transitions.allSatisfy { ($0["at"] as? String).map { (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0)) != nil } ?? false })
        #expect(transitions.last?["reason"] as? String == "rollback: quality gate: probe WER 100% vs primary 0% (max +1%)")
        #expect((final["evidence"] as? [String: Any])?["probe_step"] as? Int == 1)
        let replays = server.logs.filter { $0.contains("probe set replayed") }
        #expect(replays.count == 2, "\(replays)")
        #expect(replays.contains { $0.contains(#""step":"2""#) })
        try await server.stop()
    }
}
