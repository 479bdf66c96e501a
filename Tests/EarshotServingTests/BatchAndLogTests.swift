import EarshotLoadTest
import EarshotPersistence
@testable import EarshotServing
import Foundation
import GRDB
import EarshotTestSupport
import Testing

/// The batch endpoint, the JSON log lines, the SQLite request log and graceful shutdown.
@Suite(.timeLimit(.minutes(5))) struct BatchAndLogTests {
    @Test func batchAnswersEachFileWithItsOwnStatus() async throws {
        let server = try await TestServer.start { configuration in
            configuration.workers = 2
            configuration.maxBatchFiles = 3
        }
        let form = TestAudio.multipart([
            ("file", "one.wav", try TestAudio.wav(seconds: 1, sampleRate: 8000)),
            ("file", "junk.wav", Array("not audio at all".utf8)),
            ("file", "two.wav", try TestAudio.wav(seconds: 2, sampleRate: 8000)),
        ])
        let reply = try await server.send("POST", "/v1/transcribe/batch", headers: [("Content-Type", form.contentType)], body: form.body)
        #expect(reply.status == 200)
        let results = try #require(try server.json(reply)["results"] as? [[String: Any]])
        #expect(results.map { $0["status"] as? Int } == [200, 400, 200])
        #expect(results.map { $0["filename"] as? String } == ["one.wav", "junk.wav", "two.wav"])
        #expect((results[2]["result"] as? [String: Any])?["text"] as? String == "two seconds")
        #expect(((results[1]["error"] as? [String: Any])?["message"] as? String)?.contains("junk.wav") == true)

        let tooMany = TestAudio.multipart(Array(repeating: ("file", "a.wav", try TestAudio.wav(seconds: 1, sampleRate: 8000)), count: 4))
        let refused = try await server.send("POST", "/v1/transcribe/batch", headers: [("Content-Type", tooMany.contentType)], body: tooMany.body)
        #expect(refused.status == 400)
        let raw = try await server.send("POST", "/v1/transcribe/batch", body: try TestAudio.wav(seconds: 1))
        #expect(raw.status == 400)
        try await server.stop()
    }

    @Test func oneJSONLogLinePerRequestWithItsID() async throws {
        let server = try await TestServer.start()
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1))
        _ = try await server.send("GET", "/nope")
        try await server.stop()
        let requestLines = try server.logs.compactMap { line -> [String: Any]? in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            return object["message"] as? String == "request" ? object : nil
        }
        #expect(requestLines.count == 2)
        let first = try #require(requestLines.first)
        #expect(first["request_id"] as? String == reply.headers["x-request-id"])
        #expect(first["status"] as? Int == 200)
        #expect(first["route"] as? String == "/v1/transcribe")
        #expect(first["model"] as? String == "duration-echo")
        #expect(first["audio_seconds"] as? Double == 1)
        #expect(first["text"] == nil)  // transcripts stay out of the logs
        #expect(requestLines.last?["status"] as? Int == 404)
        #expect(requestLines.last?["route"] as? String == "unmatched")
    }

    /// Batch files finish in any order; each request-log row is keyed by the file's own index.
    @Test func batchRowsKeepTheirFileIndex() async throws {
        let directory = try Self.temporaryDirectory()
        let path = directory + "/requests.db"
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(secondsPerAudioSecond: 0.1)) { configuration in
            configuration.workers = 2
            configuration.requestLogPath = path
        }
        // The long first file finishes after the short second one.
        let form = TestAudio.multipart([
            ("file", "long.wav", try TestAudio.wav(seconds: 4, sampleRate: 8000)),
            ("file", "short.wav", try TestAudio.wav(seconds: 1, sampleRate: 8000)),
            ("file", "junk.wav", Array("not audio".utf8)),
        ])
        let reply = try await server.send("POST", "/v1/transcribe/batch", headers: [("Content-Type", form.contentType)], body: form.body)
        #expect(reply.status == 200)
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT item, filename, status FROM requests ORDER BY item")
        }
        #expect(rows.map { $0["item"] as Int? } == [0, 1, 2])
        #expect(rows.map { $0["filename"] as String? } == ["long.wav", "short.wav", "junk.wav"])
        #expect(rows.map { $0["status"] as Int? } == [200, 200, 400])
        try await server.stop()
    }

    @Test func requestLogKeepsEveryRecognitionCommitted() async throws {
        let directory = try Self.temporaryDirectory()
        let path = directory + "/requests.db"
        let server = try await TestServer.start { $0.requestLogPath = path }
        let ok = try await server.send("POST", "/v1/transcribe?filename=a.wav", body: try TestAudio.wav(seconds: 2))
        _ = try await server.send("POST", "/v1/transcribe?filename=b.wav", body: Array("junk".utf8))
        // Visible to an independent connection while the server still runs: committed, not buffered.
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT request_id, status, transcript, audio_seconds, model_name, rms_dbfs, integrated_lufs, audio_format,
                       filename FROM requests ORDER BY received_at
                """)
        }
        #expect(rows.count == 2)
        #expect(rows[0]["request_id"] as String? == ok.headers["x-request-id"])
        #expect(rows[0]["transcript"] as String? == "two seconds")
        #expect(rows[0]["model_name"] as String? == "duration-echo")
        #expect(abs(((rows[0]["audio_seconds"] as Double?) ?? 0) - 2) < 0.01)
        // A 0.3-amplitude sine: RMS 20·log10(0.3/√2) ≈ -13.5 dBFS; loudness measured too.
        #expect(abs(((rows[0]["rms_dbfs"] as Double?) ?? 0) + 13.5) < 0.2)
        #expect(rows[0]["integrated_lufs"] as Double? != nil)
        #expect((rows[0]["audio_format"] as String?)?.contains("WAV") == true)
        #expect(rows[1]["status"] as Int? == 400)
        #expect(rows[1]["filename"] as String? == "b.wav")
        let mode = try await DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        try await server.stop()
    }

    @Test func committedRowsAreInTheFilesWhileTheLogIsOpen() async throws {
        // What a kill -9 leaves is the files on disk: copy them while the log is still open and
        // never closed, and read the copy.
        let directory = try Self.temporaryDirectory()
        let log = try RequestLog(path: directory + "/live.db")
        let row = RequestLogRow(
            requestID: "r1", item: 0, receivedAt: Date(), route: "/v1/transcribe", status: 200, error: nil, latencyMs: 12)
        try await log.append([row])
        let manager = FileManager.default
        for suffix in ["", "-wal"] where manager.fileExists(atPath: directory + "/live.db" + suffix) {
            try manager.copyItem(atPath: directory + "/live.db" + suffix, toPath: directory + "/crashed.db" + suffix)
        }
        let survived = try await DatabaseQueue(path: directory + "/crashed.db").read { db in
            try String.fetchAll(db, sql: "SELECT request_id FROM requests")
        }
        #expect(survived == ["r1"])
        #expect(try log.allRows().count == 1)
    }

    @Test func hashedTranscriptsAndOptInAudioStorage() async throws {
        let directory = try Self.temporaryDirectory()
        let salt = Array("pepper".utf8)
        let server = try await TestServer.start { configuration in
            configuration.requestLogPath = directory + "/requests.db"
            configuration.hashTranscripts = true
            configuration.transcriptSalt = salt
            configuration.storeAudioDirectory = directory + "/audio"
        }
        let audio = try TestAudio.wav(seconds: 1)
        let reply = try await server.send("POST", "/v1/transcribe?filename=q.wav", body: audio)
        let row = try #require(try server.server.requestLog?.allRows().first)
        #expect(row.transcript == nil)
        #expect(row.transcriptHash == RequestLog.transcriptHash("one seconds", salt: salt))
        let stored = try #require(row.audioPath)
        #expect(stored.hasSuffix("\(reply.headers["x-request-id"] ?? "?")-0.wav"))
        #expect(FileManager.default.contents(atPath: stored).map(Array.init) == audio)
        try await server.stop()
    }

    @Test func shutdownFinishesRequestsInFlight() async throws {
        let directory = try Self.temporaryDirectory()
        let gate = Gate()
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(gate: gate)) { configuration in
            configuration.workers = 1
            configuration.queueCapacity = 4
            configuration.requestLogPath = directory + "/requests.db"
        }
        let audio = try TestAudio.wav(seconds: 1, sampleRate: 8000)
        let inFlight = (0..<2).map { _ in Task { try await server.send("POST", "/v1/transcribe", body: audio) } }
        // One running, one queued: held by the gate until shutdown has begun.
        try await eventually("one request running and one queued") { server.server.state.engine.pool.load == .init(queued: 1, running: 1) }
        let stopping = Task { try await server.stop() }  // returns only once the server has drained and stopped
        try await Task.sleep(for: .milliseconds(200))
        gate.open()
        try await stopping.value
        for request in inFlight { #expect(try await request.value.status == 200) }
        // Every answered request was logged before the process could exit.
        #expect(try server.server.requestLog?.allRows().count == 2)
        // Nothing listens any more.
        await #expect(throws: (any Error).self) { _ = try await server.send("GET", "/healthz") }
        #expect(server.logs.contains { $0.contains("request log flushed") })
    }

    @Test func sigtermDrainsInFlightRequestsAndStops() async throws {
        let gate = Gate()
        let server = try await TestServer.start(
            recognizer: DurationEchoRecognizer(gate: gate), handlesSIGTERM: true
        ) { $0.workers = 1 }
        let inFlight = Task { try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1, sampleRate: 8000)) }
        try await eventually("the request to reach a worker") { server.server.state.engine.pool.load.running > 0 }
        kill(getpid(), SIGTERM)  // the server's signal handler is installed before it listens
        try await Task.sleep(for: .milliseconds(200))
        gate.open()
        try await server.waitUntilStopped()
        #expect(try await inFlight.value.status == 200)
        #expect(!server.server.state.engine.pool.isAccepting)
    }

    static func temporaryDirectory(_ label: String = #function) throws -> String {
        try ScratchDirectory.make(label).path
    }
}
