@testable import EarshotServing
import EarshotCore
import EarshotPersistence
import EarshotRecognizer
import Foundation
import Logging
import EarshotTestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func millionAsCrossesManyBlocks() {
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test cases 2 and 6 (a key longer than the block).
        #expect(SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(SHA256.hex(SHA256.hmac(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func apiKeysCompareDigests() {
        let keys = APIKeys(hashes: [SHA256.hex(SHA256.hash(Array("k1".utf8))).uppercased()])
        #expect(keys.authorizes(authorizationHeader: "Bearer k1"))
        #expect(keys.authorizes(authorizationHeader: "bearer  k1 "))
        #expect(!keys.authorizes(authorizationHeader: "Bearer k2"))
        #expect(!keys.authorizes(authorizationHeader: "Bearer"))
        #expect(!keys.authorizes(authorizationHeader: nil))
        #expect(APIKeys(hashes: []).authorizes(authorizationHeader: nil))
        #expect(APIKeys.isHexDigest(String(repeating: "aF", count: 32)))
        #expect(!APIKeys.isHexDigest(String(repeating: "g", count: 64)))
    }
}

@Suite(.timeLimit(.minutes(5))) struct MultipartTests {
    @Test func boundaryFromContentType() {
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartFormData.boundary(contentType: #"Multipart/Form-Data; charset=utf-8; boundary="a b""#) == "a b")
        #expect(MultipartFormData.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartFormData.boundary(contentType: "audio/wav; boundary=abc") == nil)
    }

    @Test func partsKeepNamesFilenamesAndExactBytes() throws {
        let binary: [UInt8] = [0, 13, 10, 45, 45, 255, 13, 10]  // CRLF and dashes inside the content
        let body = Array("preamble\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.wav\"\r\nContent-Type: audio/wav\r\n\r\n".utf8)
            + binary + Array("\r\n--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--B--\r\n".utf8)
        let parts = try MultipartFormData.parse(body, boundary: "B")
        #expect(parts.count == 2)
        #expect(parts[0] == FormPart(name: "file", filename: "x.wav", contentType: "audio/wav", body: binary))
        #expect(parts[1].name == "note")
        #expect(parts[1].body == Array("hi".utf8))
    }

    @Test(arguments: ["", "--B", "--B\r\n", "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno end",
                      "--Bxx", "--B\r\n\r\n\r\nx\r\n--B--"])
    func malformedBodiesThrow(body: String) {
        #expect(throws: ServingError.self) { try MultipartFormData.parse(Array(body.utf8), boundary: "B") }
    }
}

@Suite(.timeLimit(.minutes(5))) struct WorkerPoolTests {
    @Test func rejectsBeyondWorkersPlusQueueAndRecoversAfter() async throws {
        let pool = WorkerPool(workers: 1, queueCapacity: 1)
        let far = ContinuousClock.now + .seconds(30)
        let gate = DispatchSemaphore(value: 0)
        let running = Task { try await pool.run(deadline: far) { gate.wait(); return 1 } }
        try await eventually("the first job to run") { pool.load.running > 0 }
        let queued = Task { try await pool.run(deadline: far) { 2 } }
        try await eventually("the second job to queue") { pool.load.queued > 0 }
        await #expect(throws: WorkerPoolRejection.queueFull) { try await pool.run(deadline: far) { 3 } }
        gate.signal()
        #expect(try await running.value.value == 1)
        let second = try await queued.value
        #expect(second.value == 2)
        #expect(second.timings.queueWait > .zero)
        #expect(pool.load == WorkerPool.Load(queued: 0, running: 0))
        #expect(try await pool.run(deadline: far) { 4 }.value == 4)
        await pool.shutdown()
        await #expect(throws: WorkerPoolRejection.closed) { try await pool.run(deadline: far) { 5 } }
    }

    @Test func deadlineAnswersWhileWorkIsStillRunning() async throws {
        let pool = WorkerPool(workers: 1, queueCapacity: 0)
        let gate = DispatchSemaphore(value: 0)
        await #expect(throws: WorkerPoolRejection.deadlinePassed) {
            try await pool.run(deadline: .now + .milliseconds(50)) { gate.wait() }
        }
        #expect(pool.load.running == 1)  // the abandoned job still holds its worker
        gate.signal()
        try await eventually("the abandoned job to free its worker") { pool.load.running == 0 }
        await pool.shutdown()
    }

    @Test func errorsFromWorkReachTheCaller() async throws {
        struct Boom: Error {}
        let pool = WorkerPool(workers: 2, queueCapacity: 0)
        await #expect(throws: Boom.self) { try await pool.run(deadline: .now + .seconds(5)) { throw Boom() } }
        await pool.shutdown()
    }
}

@Suite(.timeLimit(.minutes(5))) struct LoggingAndErrorTests {
    @Test func jsonLinesKeepTypesAndEscape() throws {
        let lines = LinesBox()
        var logger = Logger(label: "t") { label in JSONLogHandler(label: label, sink: LogSink { lines.append($0) }) }
        logger[metadataKey: "request_id"] = "abc"
        logger.info("say \"hi\"\n", metadata: ["n": .stringConvertible(3), "x": .stringConvertible(1.5),
                    "ok": .stringConvertible(true), "list": .array([.string("a")])])
        let line = try #require(lines.storage.withLock { $0.first })
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "say \"hi\"\n")
        #expect(object["n"] as? Int == 3)
        #expect(object["x"] as? Double == 1.5)
        #expect(object["ok"] as? Bool == true)
        #expect(object["request_id"] as? String == "abc")
        #expect(object["level"] as? String == "info")
    }

    @Test func everyErrorHasAStatusAndAMessage() {
        let errors: [ServingError] = [
            .badRequest("x"), .badAudio("x"), .unauthorized, .notFound(path: "/x"), .methodNotAllowed(path: "/x", allowed: ["GET"]),
            .bodyTooLarge(bytes: 2, limit: 1), .audioTooLong("x"), .overloaded(retryAfterSeconds: 1),
            .deadlineExceeded(seconds: 1), .shuttingDown, .unknownModel("m"), .recognizerFailed("r"),
        ]
        #expect(errors.map(\.status) == [400, 400, 401, 404, 405, 413, 413, 503, 504, 503, 400, 500])
        for error in errors { #expect(!error.description.isEmpty && !error.kind.isEmpty) }
    }

    @Test func configurationRejectsImpossibleSettings() {
        var configuration = ServerConfiguration()
        configuration.workers = 0
        #expect(throws: ServingError.self) { try configuration.validate() }
        configuration = ServerConfiguration()
        configuration.apiKeyHashes = ["plain-text-key"]
        #expect(throws: ServingError.self) { try configuration.validate() }
        #expect(throws: Never.self) { try ServerConfiguration().validate() }
    }

    @Test func storedAudioExtensionNeverBecomesAPath() {
        #expect(AudioStore.safeExtension("a.WAV") == "wav")
        #expect(AudioStore.safeExtension("../../etc/passwd") == "audio")
        #expect(AudioStore.safeExtension("x./../y") == "audio")
        #expect(AudioStore.safeExtension(nil) == "audio")
    }
}

@Suite(.timeLimit(.minutes(5))) struct ModelRegistryTests {
    @Test func primaryServesUnnamedRequestsAndOthersByName() throws {
        let registry = ModelRegistry(
            primary: DurationEchoRecognizer(modelInfo: .init(name: "b", version: "1")),
            others: [DurationEchoRecognizer(modelInfo: .init(name: "c", version: "2")),
                     DurationEchoRecognizer(modelInfo: .init(name: "a", version: "3"))])
        #expect(registry.primary == ModelInfo(name: "b", version: "1"))
        #expect(registry.models.map(\.name) == ["b", "a", "c"])
        #expect(try registry.recognizer(named: nil).modelInfo.name == "b")
        #expect(try registry.recognizer(named: "").modelInfo.name == "b")
        #expect(try registry.recognizer(named: "c").modelInfo.version == "2")
        #expect(throws: ServingError.unknownModel("z")) { try registry.recognizer(named: "z") }
    }
}
