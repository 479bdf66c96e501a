import EarshotLoadTest
import EarshotMonitoring
import EarshotPersistence
@testable import EarshotServing
import EarshotRollout
import Foundation
import EarshotTestSupport
import Testing

/// Degrees of automation, the review queue and feedback, over loopback.
@Suite(.timeLimit(.minutes(5))) struct AutomationTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("earshot-\(UUID().uuidString)-\(name)").path
    }

    @Test func humanOnlyQueuesTheAudioAndRunsNoModel() async throws {
        let queuePath = Self.temporaryPath("review.db"), audioDir = Self.temporaryPath("audio")
        let server = try await TestServer.start(recognizer: FailingRecognizer()) { configuration in
            configuration.automation = .humanOnly
            configuration.reviewQueuePath = queuePath
            configuration.storeAudioDirectory = audioDir
        }
        // The primary would fail if it ran: a 202 proves no model did.
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1))
        #expect(reply.status == 202)
        let body = try server.json(reply)
        #expect(body["queued"] as? Bool == true && body["text"] == nil && body["model"] == nil)
        let items = try ReviewQueue(path: queuePath).items()
        #expect(items.count == 1)
        #expect(items.first?.suggestion == nil && items.first?.audioPath != nil && items.first?.status == .pending)
        try await server.stop()
    }

    @Test func shadowAutomationWithholdsTheTranscriptButQueuesTheSuggestion() async throws {
        let queuePath = Self.temporaryPath("review.db")
        let server = try await TestServer.start { configuration in
            configuration.automation = .shadow
            configuration.reviewQueuePath = queuePath
        }
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 2))
        #expect(reply.status == 202)
        #expect((try server.json(reply)["model"] as? [String: Any])?["name"] as? String == "duration-echo")
        #expect(try ReviewQueue(path: queuePath).items().first?.suggestion == "two seconds")
        #expect(try await server.send("POST", "/v1/transcribe/batch", body: []).status == 400)
        try await server.stop()
    }

    @Test func assistanceReturnsASuggestionAndPartialQueuesOnlyLowConfidence() async throws {
        let queuePath = Self.temporaryPath("review.db")
        let assisted = try await TestServer.start { configuration in
            configuration.automation = .assistance
            configuration.reviewQueuePath = queuePath
        }
        let body = try assisted.json(try await assisted.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1)))
        #expect(body["suggestion"] as? Bool == true && body["text"] as? String == "one seconds" && body["automation"] as? String == "assistance")
        try await assisted.stop()

        let partialQueue = Self.temporaryPath("partial.db")
        let partial = try await TestServer.start(recognizer: DurationEchoRecognizer(confidence: 0.3)) { configuration in
            configuration.automation = .partial
            configuration.reviewQueuePath = partialQueue
        }
        let low = try partial.json(try await partial.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1)))
        #expect(low["needs_review"] as? Bool == true && low["text"] as? String == "one seconds")
        #expect(try ReviewQueue(path: partialQueue).items(status: .pending).count == 1)
        try await partial.stop()

        let full = try await TestServer.start(recognizer: DurationEchoRecognizer(confidence: 0.3)) { $0.automation = .full }
        let final = try full.json(try await full.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1)))
        #expect(final["needs_review"] as? Bool == false)
        try await full.stop()
    }

    @Test func levelsThatQueueEverythingNeedAQueue() {
        var configuration = ServerConfiguration()
        configuration.automation = .assistance
        #expect(throws: ServingError.self) { try configuration.validate() }
        configuration.automation = .humanOnly
        configuration.reviewQueuePath = "/tmp/q.db"
        #expect(throws: ServingError.self) { try configuration.validate() }
    }

    @Test func feedbackCorrectionsFeedTheLiveWER() async throws {
        let server = try await TestServer.start()
        let first = try server.json(try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 2)))
        let id = try #require(first["id"] as? String)
        let correction = Array(#"{"id":"\#(id)","text":"two second"}"#.utf8)
        let reply = try await server.send("POST", "/v1/feedback", body: correction)
        #expect(reply.status == 200)
        let live = try #require(try server.json(reply)["live_wer"] as? [String: Any])
        #expect(live["wer"] as? Double == 0.5)
        #expect(try await server.send("POST", "/v1/feedback", body: Array(#"{"id":"nope","text":"x"}"#.utf8)).status == 400)
        #expect(try await server.send("GET", "/metrics").text.contains(#"earshot_feedback_wer{model="duration-echo"} 0.5"#))
        try await server.stop()
    }

    @Test func liveWERAlarmsAboveTheEvaluatedWEROnlyAfterEnoughCorrections() throws {
        let live = LiveWER(expectedWER: ["m": 0.10], margin: 0.05, minimumCorrections: 30)
        var last = try #require(live.add(requestID: "r0", model: "m", served: "call mum", corrected: "call mom"))
        #expect(!last.alarm)  // 50% WER, but one correction is no verdict
        for index in 1..<30 { last = try #require(live.add(requestID: "r\(index)", model: "m", served: "call mum", corrected: "call mom")) }
        #expect(last.alarm && last.corrections == 30)
        // The same request corrected again counts once.
        #expect(live.add(requestID: "r0", model: "m", served: "call mum", corrected: "call mom") == nil)
        #expect(live.estimate(model: "m").corrections == 30)
        let fine = LiveWER(expectedWER: ["m": 0.10])
        for index in 0..<40 {
            last = try #require(fine.add(requestID: "f\(index)", model: "m", served: "call mom now please", corrected: "call mom now please"))
        }
        #expect(!last.alarm && last.wer == 0)
    }

    /// A reviewer's resolution (as `earshot review resolve` writes it, from another connection to
    /// the queue) reaches the live WER in `/v1/monitoring` and `/metrics`, once per item; feedback
    /// on the same request then does not count it twice; a human-only item has nothing to score.
    @Test func resolvedReviewItemsFeedTheLiveWEROnce() async throws {
        let queuePath = Self.temporaryPath("review.db")
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(confidence: 0.3)) { configuration in
            configuration.automation = .partial
            configuration.reviewQueuePath = queuePath
            configuration.reviewPollInterval = .seconds(3600)  // only reads look: this test controls when
        }
        var ids: [String] = []
        for _ in 0..<2 {
            let reply = try server.json(try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 2)))
            #expect(reply["needs_review"] as? Bool == true)
            ids.append(try #require(reply["id"] as? String))
        }
        let reviewer = try ReviewQueue(path: queuePath)
        try await reviewer.enqueue(ReviewItem(
            requestID: "human-only", createdAt: Date(), automation: "human_only", modelName: nil, modelVersion: nil, suggestion: nil,
            confidence: nil, audioSeconds: 1, audioPath: nil))
        try reviewer.resolve(requestID: "human-only", transcript: "hello")
        try reviewer.resolve(requestID: ids[0], transcript: "two second")  // served "two seconds": 1 error in 2 words

        func live() async throws -> [String: Any]? {
            let report = try server.json(try await server.send("GET", "/v1/monitoring"))
            return (report["feedback_wer"] as? [String: Any])?["duration-echo"] as? [String: Any]
        }
        var estimate = try #require(try await live())
        #expect(estimate["corrections"] as? Int == 1 && estimate["wer"] as? Double == 0.5)
        estimate = try #require(try await live())
        #expect(estimate["corrections"] as? Int == 1, "a resolved item is counted once however often the server looks")
        try reviewer.resolve(requestID: ids[0], transcript: "two seconds")  // re-resolved: still one correction
        try reviewer.resolve(requestID: ids[1], transcript: "two seconds")
        let metrics = try await server.send("GET", "/metrics").text
        #expect(metrics.contains(#"earshot_feedback_wer{model="duration-echo"} 0.25"#), "1 error in 4 words")
        #expect(metrics.contains(#"earshot_feedback_corrections_total{model="duration-echo",source="review"} 2"#))
        let feedback = try server.json(try await server.send(
            "POST", "/v1/feedback", body: Array(#"{"id":"\#(ids[1])","text":"one"}"#.utf8)))
        #expect(feedback["counted"] as? Bool == false)
        #expect((feedback["live_wer"] as? [String: Any])?["corrections"] as? Int == 2)
        #expect(server.server.liveWER["duration-echo"]?.corrections == 2)
        try await server.stop()
    }

    /// Batch files get their automation level's treatment like single requests: a low-confidence
    /// file is flagged, queued with its audio and correctable, under its own id.
    @Test func batchFilesAreQueuedAndCorrectableUnderTheirOwnIDs() async throws {
        let queuePath = Self.temporaryPath("review.db"), audioDir = Self.temporaryPath("audio")
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(confidence: 0.3)) { configuration in
            configuration.reviewQueuePath = queuePath
            configuration.storeAudioDirectory = audioDir
        }
        let batch = TestAudio.multipart([("file", "a.wav", try TestAudio.wav(seconds: 1)), ("file", "b.wav", try TestAudio.wav(seconds: 2))])
        let reply = try await server.send("POST", "/v1/transcribe/batch", headers: [("Content-Type", batch.contentType)], body: batch.body)
        let requestID = try #require(reply.headers["x-request-id"])
        let results = try #require(try server.json(reply)["results"] as? [[String: Any]]).compactMap { $0["result"] as? [String: Any] }
        #expect(results.compactMap { $0["id"] as? String } == ["\(requestID)-0", "\(requestID)-1"])
        #expect(results.allSatisfy { $0["needs_review"] as? Bool == true && $0["automation"] as? String == "partial" })
        let queued = try ReviewQueue(path: queuePath).items()
        #expect(queued.map(\.requestID).sorted() == ["\(requestID)-0", "\(requestID)-1"])
        #expect(queued.allSatisfy { $0.audioPath.map(FileManager.default.fileExists) == true })
        #expect(queued.first { $0.requestID == "\(requestID)-1" }?.suggestion == "two seconds")
        let feedback = try server.json(try await server.send(
            "POST", "/v1/feedback", body: Array(#"{"id":"\#(requestID)-1","text":"two second"}"#.utf8)))
        #expect(feedback["counted"] as? Bool == true && (feedback["live_wer"] as? [String: Any])?["wer"] as? Double == 0.5)
        try await server.stop()
    }

    /// Without any read, the server's poll picks up a resolution by itself.
    @Test func theServerPollsTheReviewQueue() async throws {
        let queuePath = Self.temporaryPath("review.db")
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(confidence: 0.3)) { configuration in
            configuration.reviewQueuePath = queuePath
            configuration.reviewPollInterval = .milliseconds(20)
        }
        let reply = try server.json(try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1)))
        try ReviewQueue(path: queuePath).resolve(requestID: try #require(reply["id"] as? String), transcript: "one second")
        try await eventually("the resolved review to reach the live WER", every: .milliseconds(10)) {
            server.server.liveWER["duration-echo"] != nil
        }
        #expect(server.server.liveWER["duration-echo"]?.corrections == 1)
        try await server.stop()
    }

    @Test func resolvingAReviewItemKeepsTheCorrection() async throws {
        let queue = try ReviewQueue(path: Self.temporaryPath("review.db"))
        try await queue.enqueue(ReviewItem(
            requestID: "r1", createdAt: Date(), automation: "partial", modelName: "m", modelVersion: "1", suggestion: "call mum",
            confidence: 0.3, audioSeconds: 1, audioPath: nil, status: .pending, correctedTranscript: nil, resolvedAt: nil))
        let resolved = try queue.resolve(requestID: "r1", transcript: "call mom")
        #expect(resolved.status == .resolved && resolved.correctedTranscript == "call mom")
        #expect(try queue.items(status: .pending).isEmpty)
        #expect(throws: PersistenceError.noSuchItem(path: queue.path, id: "missing")) { try queue.resolve(requestID: "missing", transcript: "x") }
    }
}
