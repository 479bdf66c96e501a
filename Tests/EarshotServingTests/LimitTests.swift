import EarshotCore
import EarshotLoadTest
@testable import EarshotServing
import Foundation
import EarshotTestSupport
import Testing

/// Limits, bad input, authentication, deadlines and backpressure.
@Suite(.timeLimit(.minutes(5))) struct LimitTests {
    @Test func badAudioIs400WithTheLoadersMessage() async throws {
        let server = try await TestServer.start()
        let reply = try await server.send("POST", "/v1/transcribe?filename=junk.wav", body: Array("this is not audio".utf8))
        #expect(reply.status == 400)
        let error = try #require(try server.json(reply)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "bad_audio")
        let message = try #require(error["message"] as? String)
        #expect(message.contains("junk.wav"))

        let empty = try await server.send("POST", "/v1/transcribe")
        #expect(empty.status == 400)
        try await server.stop()
    }

    @Test func oversizedBodyAndOverlongAudioAre413() async throws {
        let server = try await TestServer.start { configuration in
            configuration.maxBodyBytes = 200_000
            configuration.maxAudioSeconds = 3
        }
        let tooBig = try await server.send("POST", "/v1/transcribe", body: [UInt8](repeating: 1, count: 300_000))
        #expect(tooBig.status == 413)
        #expect(tooBig.text.contains("body_too_large"))
        let tooLong = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 4, sampleRate: 8000))
        #expect(tooLong.status == 413)
        #expect(tooLong.text.contains("audio_too_long"))
        // Refused from the header: 60 s of 8 kHz audio declared, only its first bytes sent.
        let header = Array(try TestAudio.wav(seconds: 60, sampleRate: 8000).prefix(4096))
        let declared = try await server.send("POST", "/v1/transcribe", body: header)
        #expect(declared.status == 413)
        #expect(try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 2, sampleRate: 8000)).status == 200)
        try await server.stop()
    }

    @Test func apiKeysAreRequiredOnRecognitionRoutesOnly() async throws {
        let key = "s3cret-key"
        let server = try await TestServer.start { configuration in
            configuration.apiKeyHashes = [SHA256.hex(SHA256.hash(Array(key.utf8)))]
        }
        let audio = try TestAudio.wav(seconds: 1)
        #expect(try await server.send("POST", "/v1/transcribe", body: audio).status == 401)
        #expect(try await server.send("POST", "/v1/transcribe", headers: [("Authorization", "Bearer wrong")], body: audio).status == 401)
        #expect(try await server.send("POST", "/v1/transcribe", headers: [("Authorization", "Basic \(key)")], body: audio).status == 401)
        #expect(try await server.send("GET", "/v1/models").status == 401)
        #expect(try await server.send("POST", "/v1/transcribe", headers: [("Authorization", "Bearer \(key)")], body: audio).status == 200)
        #expect(try await server.send("GET", "/healthz").status == 200)
        #expect(try await server.send("GET", "/metrics").status == 200)
        try await server.stop()
    }

    @Test func requestPastItsDeadlineIs504() async throws {
        let slow = DurationEchoRecognizer(secondsPerAudioSecond: 1.0)
        let server = try await TestServer.start(recognizer: slow) { $0.requestTimeout = .milliseconds(200) }
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1, sampleRate: 8000))
        #expect(reply.status == 504)
        #expect(reply.text.contains("deadline_exceeded"))
        try await server.stop()
    }

    @Test func slowUploadIsCutAtTheDeadline() async throws {
        let server = try await TestServer.start { $0.requestTimeout = .milliseconds(300) }
        // Declares 100 kB but sends 10 bytes, then waits.
        let reply = try await server.send("POST", "/v1/transcribe", headers: [("Content-Length", "100000")], body: Array(repeating: 1, count: 10))
        #expect(reply.status == 504)
        #expect(try await server.send("GET", "/healthz").status == 200)
        try await server.stop()
    }

    @Test func fullQueueIs503WithRetryAfterAtOnce() async throws {
        let gate = Gate()
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(gate: gate)) { configuration in
            configuration.workers = 1
            configuration.queueCapacity = 0
            configuration.retryAfterSeconds = 2
        }
        let audio = try TestAudio.wav(seconds: 1, sampleRate: 8000)
        let first = Task { try await server.send("POST", "/v1/transcribe", body: audio) }
        // Wait until the only worker is busy (held by the gate).
        try await eventually("the only worker to be busy with the first request") { server.server.state.engine.pool.load.running > 0 }
        let refused = try await server.send("POST", "/v1/transcribe", body: audio)
        gate.open()
        #expect(refused.status == 503)
        #expect(refused.headers["retry-after"] == "2")
        #expect(try await first.value.status == 200)
        try await server.stop()
    }

    @Test func concurrentRequestsAllSucceedWithTheirOwnTranscripts() async throws {
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(secondsPerAudioSecond: 0.05)) { configuration in
            configuration.workers = 2
            configuration.queueCapacity = 16
        }
        let seconds = [1, 2, 3, 1, 2, 3, 1, 2]
        let audio = try seconds.map { try TestAudio.wav(seconds: Double($0), sampleRate: 8000) }
        let texts = try await withThrowingTaskGroup(of: (Int, Int, String?).self) { group in
            for (index, bytes) in audio.enumerated() {
                group.addTask {
                    let reply = try await server.send("POST", "/v1/transcribe", body: bytes)
                    return (index, reply.status, try server.json(reply)["text"] as? String)
                }
            }
            var results: [Int: (Int, String?)] = [:]
            for try await (index, status, text) in group { results[index] = (status, text) }
            return results
        }
        for (index, secondsValue) in seconds.enumerated() {
            #expect(texts[index]?.0 == 200)
            #expect(texts[index]?.1 == "\(DurationEchoRecognizer.spell(secondsValue)) seconds")
        }
        try await server.stop()
    }

    @Test func garbageNeverCrashesTheServer() async throws {
        let server = try await TestServer.start()
        var generator = SystemRandomNumberGenerator()
        var statuses: Set<Int> = []
        for length in [1, 3, 44, 45, 100, 1000] {
            let junk = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            statuses.insert(try await server.send("POST", "/v1/transcribe", body: junk).status)
            // A RIFF header promising more than it holds.
            let truncated = Array(try TestAudio.wav(seconds: 1).prefix(length))
            statuses.insert(try await server.send("POST", "/v1/transcribe", body: truncated).status)
        }
        let badForms: [(String, [UInt8])] = [
            ("multipart/form-data", Array("--x\r\n".utf8)),
            ("multipart/form-data; boundary=x", Array("no boundary here".utf8)),
            ("multipart/form-data; boundary=x", Array("--x\r\nContent-Disposition: form-data\r\n\r\nbody\r\n--x--".utf8)),
            ("multipart/form-data; boundary=x", Array("--x\r\nbroken header\r\n\r\nbody\r\n--x--".utf8)),
            ("multipart/form-data; boundary=x", Array("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated".utf8)),
        ]
        for (contentType, body) in badForms {
            statuses.insert(try await server.send("POST", "/v1/transcribe", headers: [("Content-Type", contentType)], body: body).status)
        }
        #expect(statuses.isSubset(of: [200, 400]))
        #expect(statuses.contains(400))
        #expect(try await server.send("GET", "/healthz").status == 200)
        try await server.stop()
    }
}
