import EarshotCore
import EarshotMonitoring
import EarshotRecognizer
@testable import EarshotServing
import Foundation
import EarshotTestSupport
import Testing

/// Shadow mode and monitoring with the shipped model (no test double): the candidate is the
/// same weights under another name, so the two must agree word for word, and the drift monitor
/// must find the bundle's reference metrics under the names the server measures.
@Suite(.timeLimit(.minutes(5))) struct RealModelRolloutTests {
    static let fixtures = TestFixtures.root.appendingPathComponent("audio/fsdd")

    @Test func theShippedModelShadowedByItselfAgreesAndIsMonitored() async throws {
        let bundle = try Recognizer.defaultBundle()
        var copy = bundle
        copy.metadata.name = bundle.metadata.name + "-copy"
        let primary = try Recognizer(bundle: bundle)
        let candidate = try Recognizer(bundle: copy)
        let reference = try DriftReference.distributions(primary.referenceStatistics, source: "model")
        #expect(reference["rms_dbfs"] != nil)
        let server = try await TestServer.start(recognizer: primary, others: [candidate]) { configuration in
            configuration.workers = 2
            configuration.referenceStatistics = reference
            configuration.adminKeyHashes = [SHA256.hex(SHA256.hash(Array("k".utf8)))]
        }
        let put = try await server.send(
            "PUT", "/admin/rollout", headers: [("Authorization", "Bearer k")],
            body: Array(#"{"mode":"shadow","candidate":"\#(copy.metadata.name)"}"#.utf8))
        #expect(put.status == 200)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".wav") }.sorted().prefix(4)
        for file in files {
            let audio = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(file)))
            let reply = try await server.send("POST", "/v1/transcribe", body: audio)
            #expect(reply.status == 200)
            #expect(reply.headers["x-earshot-model"] == bundle.metadata.name)
            try await Task.sleep(for: .milliseconds(50))
        }
        // Let the last copies finish.
        let shadow = try await eventuallyValue("every shadow copy to be compared or dropped", every: .milliseconds(50)) {
            let reply = try await server.send("GET", "/admin/rollout", headers: [("Authorization", "Bearer k")])
            let shadow = try server.json(reply)["shadow"] as? [String: Any] ?? [:]
            return (shadow["compared"] as? Int ?? 0) + (shadow["dropped"] as? Int ?? 0) == files.count ? shadow : nil
        }
        #expect(shadow["compared"] as? Int ?? 0 >= 1)
        #expect(shadow["disagreement_errors"] as? Int == 0)
        let monitoring = try server.json(try await server.send("GET", "/v1/monitoring"))
        let drift = try #require(monitoring["data_drift"] as? [[String: Any]])
        let rms = try #require(drift.first { $0["metric"] as? String == "rms_dbfs" })
        #expect(rms["samples"] as? Int == files.count)
        try await server.stop()
    }
}

/// The canary's quality gate with a probe set replayed through the server.
@Suite(.timeLimit(.minutes(5))) struct ProbeGateTests {
    static let manifest = RealModelRolloutTests.fixtures
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("recognizer/manifest.jsonl").path

    @Test func aCandidateWorseOnTheProbeSetIsRolledBackByTheQualityGate() async throws {
        let primary = try Recognizer(bundle: try Recognizer.defaultBundle())
        // Healthy by HTTP (fast, confident, never empty) but wrong: only the transcript gate sees it.
        let candidate = FixedPhraseRecognizer(modelInfo: .init(name: "parrot", version: "1"), phrase: "call mom")
        let server = try await TestServer.start(recognizer: primary, others: [candidate]) { configuration in
            configuration.adminKeyHashes = [SHA256.hex(SHA256.hash(Array("k".utf8)))]
        }
        let auth = [("Authorization", "Bearer k")]
        let put = try await server.send("PUT", "/admin/rollout", headers: auth, body: Array(#"""
            {"mode":"canary","candidate":"parrot","require_probes":true,"probes":"\#(Self.manifest)",
             "schedule":{"steps":[50,100],"hold_seconds":0},"rules":{"minimum_samples":5}}
            """#.utf8))
        #expect(put.status == 200)
        let evidence = try await eventuallyValue("both models' probe WERs", every: .milliseconds(50)) {
            let evidence = try server.json(try await server.send("GET", "/admin/rollout", headers: auth))["evidence"] as? [String: Any]
            return evidence?["candidate_probe_wer"] != nil ? evidence : nil
        }
        let primaryWER = try #require(evidence["primary_probe_wer"] as? Double)
        let candidateWER = try #require(evidence["candidate_probe_wer"] as? Double)
        #expect(candidateWER > primaryWER + 0.3)
        let audio = try TestAudio.wav(seconds: 1)
        var phase = ""
        for _ in 0..<60 where phase != "rolled_back" {
            #expect(try await server.send("POST", "/v1/transcribe", body: audio).status == 200)
            phase = try server.json(try await server.send("GET", "/admin/rollout", headers: auth))["phase"] as? String ?? ""
        }
        #expect(phase == "rolled_back")
        let status = try server.json(try await server.send("GET", "/admin/rollout", headers: auth))
        let reasons = (status["transitions"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } ?? []
        #expect(reasons.contains { $0.hasPrefix("rollback: quality gate: probe WER") })
        try await server.stop()
    }
}
