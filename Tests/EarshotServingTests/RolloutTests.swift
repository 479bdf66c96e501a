import EarshotCore
import EarshotLoadTest
import EarshotRecognizer
import EarshotRollout
@testable import EarshotServing
import Foundation
import EarshotTestSupport
import Testing

/// Shadow, canary and blue-green on a live loopback server with test recognizers.
@Suite(.timeLimit(.minutes(5))) struct RolloutTests {
    static let adminKey = "admin-secret"
    static var adminHeader: [(String, String)] { [("Authorization", "Bearer \(adminKey)")] }

    static func start(others: [any SpeechRecognizer], workers: Int = 1, queue: Int = 8,
                      rollout: String? = nil) async throws -> TestServer {
        try await TestServer.start(others: others) { configuration in
            configuration.workers = workers
            configuration.queueCapacity = queue
            configuration.adminKeyHashes = [SHA256.hex(SHA256.hash(Array(adminKey.utf8)))]
        }
    }

    static func putRollout(_ server: TestServer, _ json: String) async throws -> HTTPReply {
        try await server.send("PUT", "/admin/rollout", headers: adminHeader + [("Content-Type", "application/json")], body: Array(json.utf8))
    }

    static func status(_ server: TestServer) async throws -> [String: Any] {
        try server.json(try await server.send("GET", "/admin/rollout", headers: adminHeader))
    }

    @Test func adminAPINeedsItsOwnKey() async throws {
        let open = try await TestServer.start()
        #expect(try await open.send("GET", "/admin/rollout").status == 403)
        try await open.stop()
        let server = try await Self.start(others: [])
        #expect(try await server.send("GET", "/admin/rollout").status == 401)
        #expect(try await server.send("GET", "/admin/rollout", headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(try await server.send("GET", "/admin/rollout", headers: Self.adminHeader).status == 200)
        #expect(try await server.send("DELETE", "/admin/rollout", headers: Self.adminHeader).status == 405)
        let bad = try await Self.putRollout(server, #"{"mode":"canary","candidate":"nope"}"#)
        #expect(bad.status == 400)
        try await server.stop()
    }

    @Test func aBrokenCandidateIsRolledBackAutomaticallyAndNoClientSeesItFail() async throws {
        let server = try await Self.start(others: [FailingRecognizer()])
        let put = try await Self.putRollout(server, #"""
            {"mode":"canary","candidate":"broken","schedule":{"steps":[50,100],"hold_seconds":3600},
             "rules":{"minimum_samples":10}}
            """#)
        #expect(put.status == 200)
        let audio = try TestAudio.wav(seconds: 1)
        var rolledBackAfter: Int?
        for index in 1...60 {
            let reply = try await server.send("POST", "/v1/transcribe", body: audio)
            #expect(reply.status == 200)
            #expect(reply.headers["x-earshot-model"] == "duration-echo")
            // The primary answered every request, the candidate's too: the arm header says so.
            #expect(reply.headers["x-earshot-arm"] == nil || reply.headers["x-earshot-arm"] == "primary")
            let status = try await Self.status(server)
            if rolledBackAfter == nil, status["phase"] as? String == "rolled_back" { rolledBackAfter = index }
        }
        // 10 candidate samples at a 50% share: rolled back within a few dozen requests.
        let after = try #require(rolledBackAfter)
        #expect(after <= 40)
        let status = try await Self.status(server)
        #expect(status["candidate_percent"] as? Double == 0)
        let reasons = (status["transitions"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } ?? []
        #expect(reasons.contains { $0.hasPrefix("rollback: error rate 100%") })
        let metrics = try await server.send("GET", "/metrics").text
        #expect(metrics.contains(#"earshot_rollout_transitions_total{kind="rollback"} 1"#))
        #expect(metrics.contains("earshot_rollout_candidate_percent 0"))
        #expect(server.logs.contains { $0.contains("rollout transition") && $0.contains("error rate") })
        try await server.stop()
    }

    @Test func anEmptyTranscriptCandidateIsRolledBack() async throws {
        let server = try await Self.start(others: [EmptyRecognizer()])
        _ = try await Self.putRollout(server, #"{"mode":"canary","candidate":"mute","schedule":{"steps":[50]},"rules":{"minimum_samples":10}}"#)
        let audio = try TestAudio.wav(seconds: 1)
        for index in 0..<80 {
            _ = try await server.send("POST", "/v1/transcribe", headers: [("X-Client-Id", "c\(index)")], body: audio)
        }
        let status = try await Self.status(server)
        #expect(status["phase"] as? String == "rolled_back")
        let reasons = (status["transitions"] as? [[String: Any]])?.compactMap { $0["reason"] as? String } ?? []
        #expect(reasons.contains { $0.contains("empty-transcript rate 100%") })
        try await server.stop()
    }

    @Test func stickyClientsKeepTheirModelAndAHealthyCanaryIsPromoted() async throws {
        let candidate = DurationEchoRecognizer(modelInfo: .init(name: "candidate", version: "2"))
        let server = try await Self.start(others: [candidate])
        _ = try await Self.putRollout(server, #"""
            {"mode":"canary","candidate":"candidate","schedule":{"steps":[50,100],"hold_seconds":0},"rules":{"minimum_samples":8}}
            """#)
        let audio = try TestAudio.wav(seconds: 1)
        var first: [String: String] = [:]
        for round in 0..<2 {
            for client in 0..<6 {
                let reply = try await server.send("POST", "/v1/transcribe", headers: [("X-Client-Id", "client-\(client)")], body: audio)
                let model = try #require(reply.headers["x-earshot-model"])
                #expect((try server.json(reply)["model"] as? [String: Any])?["name"] as? String == model)
                if round == 0 { first["client-\(client)"] = model } else if (try await Self.status(server))["phase"] as? String == "ramping" {
                    #expect(first["client-\(client)"] == model, "client-\(client) changed arm mid-step")
                }
            }
        }
        for _ in 0..<60 where (try await Self.status(server))["primary"] as? String != "candidate" {
            _ = try await server.send("POST", "/v1/transcribe", body: audio)
        }
        let status = try await Self.status(server)
        #expect(status["primary"] as? String == "candidate")
        let transitions = status["transitions"] as? [[String: Any]] ?? []
        // Start-up (off), canary at 50%, 100%, promoted, the switch, rollout off again.
        #expect(transitions.compactMap { $0["to_percent"] as? Double } == [0, 50, 100, 100, 0, 0])
        let reasons = transitions.compactMap { $0["reason"] as? String }
        #expect(reasons.contains { $0.hasSuffix("candidate promoted") })
        #expect(reasons.contains("blue-green switch duration-echo → candidate: canary completed"))
        let reply = try await server.send("POST", "/v1/transcribe", body: audio)
        #expect(reply.headers["x-earshot-model"] == "candidate")
        try await server.stop()
    }

    @Test func blueGreenSwitchUnderConcurrentLoadFailsNoRequest() async throws {
        let green = DurationEchoRecognizer(modelInfo: .init(name: "green", version: "2"))
        let server = try await Self.start(others: [green], workers: 2, queue: 64)
        let audio = try TestAudio.wav(seconds: 0.5)
        let switcher = Task {
            var switches = 0
            for index in 0..<12 {
                try await Task.sleep(for: .milliseconds(15))
                let body = index % 2 == 0 ? Array(#"{"primary":"green"}"#.utf8) : []
                let reply = try await server.send("POST", "/admin/switch", headers: Self.adminHeader, body: body)
                if reply.status == 200 { switches += 1 }
            }
            return switches
        }
        let statuses = try await withThrowingTaskGroup(of: [(Int, String?)].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    var seen: [(Int, String?)] = []
                    for _ in 0..<25 {
                        let reply = try await server.send("POST", "/v1/transcribe", body: audio)
                        seen.append((reply.status, reply.headers["x-earshot-model"]))
                    }
                    return seen
                }
            }
            var all: [(Int, String?)] = []
            for try await part in group { all += part }
            return all
        }
        #expect(try await switcher.value == 12)
        #expect(statuses.count == 150)
        #expect(statuses.allSatisfy { $0.0 == 200 }, "failed: \(statuses.filter { $0.0 != 200 }.map(\.0))")
        #expect(Set(statuses.compactMap(\.1)) == ["duration-echo", "green"])
        // Twelve alternating switches end where they began.
        #expect(try await Self.status(server)["primary"] as? String == "duration-echo")
        let metrics = try await server.send("GET", "/metrics").text
        #expect(metrics.contains(#"earshot_model_info{name="duration-echo",version="test-1",primary="true"} 1"#))
        #expect(metrics.contains(#"earshot_model_info{name="green",version="2",primary="true"} 0"#))
        try await server.stop()
    }

    @Test func shadowRecordsDisagreementWithoutTouchingTheResponseOrItsLatency() async throws {
        // The candidate holds a worker 150 ms without using the CPU; if shadow delayed the
        // primary, each response would take that much longer.
        let candidate = FixedPhraseRecognizer(holdSeconds: 0.15)
        let server = try await Self.start(others: [candidate], workers: 2)
        let audio = try TestAudio.wav(seconds: 1)
        func medianLatency() async throws -> Double {
            var latencies: [Double] = []
            for _ in 0..<15 {
                let started = ContinuousClock.now
                let reply = try await server.send("POST", "/v1/transcribe", body: audio)
                latencies.append((ContinuousClock.now - started).milliseconds)
                #expect(reply.status == 200)
                #expect(try server.json(reply)["text"] as? String == "one seconds")
                #expect(reply.headers["x-earshot-model"] == "duration-echo")
                try await Task.sleep(for: .milliseconds(200))  // let the copy finish: measure delay, not load
            }
            return latencies.sorted()[latencies.count / 2]
        }
        let without = try await medianLatency()
        #expect(try await Self.putRollout(server, #"{"mode":"shadow","candidate":"fixed"}"#).status == 200)
        let with = try await medianLatency()
        #expect(with < without + 75, "median latency \(with) ms with shadow vs \(without) ms without")
        let shadow = try #require(try await Self.status(server)["shadow"] as? [String: Any])
        let compared = shadow["compared"] as? Int ?? 0
        #expect(compared >= 10)
        // "one seconds" vs "call mom": two substitutions per two words.
        #expect(shadow["disagreement_errors"] as? Int == 2 * compared)
        let metrics = try await server.send("GET", "/metrics").text
        #expect(metrics.contains(#"earshot_shadow_requests_total{model="fixed",outcome="compared"}"#))
        #expect(metrics.contains(#"earshot_shadow_latency_seconds_count{model="fixed"}"#))
        try await server.stop()
    }

    @Test func shadowCopiesAreDroppedFirstWhenNoWorkerIsFree() async throws {
        let candidate = FixedPhraseRecognizer(holdSeconds: 0.3)
        let server = try await Self.start(others: [candidate], workers: 1)
        #expect(try await Self.putRollout(server, #"{"mode":"shadow","candidate":"fixed"}"#).status == 200)
        let audio = try TestAudio.wav(seconds: 0.5)
        // Six at once on one worker: while others wait, a finished request's copy finds no free
        // worker and is dropped rather than queued.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 { group.addTask { try await server.send("POST", "/v1/transcribe", body: audio).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 6))
        // Every copy is accounted for once the last one is compared or dropped.
        let shadow = try await eventuallyValue("all six shadow copies to be compared or dropped", every: .milliseconds(20)) {
            let shadow = try await Self.status(server)["shadow"] as? [String: Any] ?? [:]
            return (shadow["compared"] as? Int ?? 0) + (shadow["dropped"] as? Int ?? 0) == 6 ? shadow : nil
        }
        #expect(shadow["dropped"] as? Int ?? 0 >= 1)
        try await server.stop()
    }

    /// A batch goes through the same routing as single requests: each file names the model and
    /// the arm that served it, a sticky client's files all land on its arm, shadow copies are
    /// made per file, and a blue-green switch moves the batch with the primary.
    @Test func batchFilesFollowTheCanaryShadowAndBlueGreen() async throws {
        let candidate = DurationEchoRecognizer(modelInfo: .init(name: "candidate", version: "2"))
        let server = try await Self.start(others: [candidate, FixedPhraseRecognizer()], queue: 16)
        _ = try await Self.putRollout(server, #"""
            {"mode":"canary","candidate":"candidate","schedule":{"steps":[50,100],"hold_seconds":3600}}
            """#)
        let clients = (0..<100).map { "client-\($0)" }
        let onCandidate = try #require(clients.first { TrafficSplitter.bucket(clientID: $0) < 50 })
        let onPrimary = try #require(clients.first { TrafficSplitter.bucket(clientID: $0) >= 50 })
        let audio = try TestAudio.wav(seconds: 1)
        let batch = TestAudio.multipart((0..<3).map { ("file", "f\($0).wav", audio) })
        func results(client: String?) async throws -> [(model: String?, arm: String?)] {
            let headers = [("Content-Type", batch.contentType)] + (client.map { [("X-Client-Id", $0)] } ?? [])
            let reply = try await server.send("POST", "/v1/transcribe/batch", headers: headers, body: batch.body)
            #expect(reply.status == 200)
            let items = try #require(try server.json(reply)["results"] as? [[String: Any]])
            return items.map { item in
                let model = (item["result"] as? [String: Any])?["model"] as? [String: Any]
                return (model?["name"] as? String, item["arm"] as? String)
            }
        }
        let sticky = try await results(client: onCandidate)
        #expect(sticky.count == 3 && sticky.allSatisfy { $0.model == "candidate" && $0.arm == "candidate" })
        let primary = try await results(client: onPrimary)
        #expect(primary.allSatisfy { $0.model == "duration-echo" && $0.arm == "primary" })
        let stats = try await Self.status(server)
        #expect((stats["candidate_stats"] as? [String: Any])?["requests"] as? Int == 3)
        #expect((stats["primary_stats"] as? [String: Any])?["requests"] as? Int == 3)

        _ = try await Self.putRollout(server, #"{"mode":"shadow","candidate":"fixed"}"#)
        #expect(try await results(client: nil).allSatisfy { $0.model == "duration-echo" && $0.arm == nil })
        try await eventually("the three shadow copies to be compared or dropped", every: .milliseconds(20)) {
            let shadow = try await Self.status(server)["shadow"] as? [String: Any] ?? [:]
            return (shadow["compared"] as? Int ?? 0) + (shadow["dropped"] as? Int ?? 0) == 3
        }

        _ = try await Self.putRollout(server, #"{"mode":"off"}"#)
        #expect(try await server.send("POST", "/admin/switch", headers: Self.adminHeader, body: Array(#"{"primary":"candidate"}"#.utf8)).status == 200)
        #expect(try await results(client: nil).allSatisfy { $0.model == "candidate" })
        try await server.stop()
    }
}
