import EarshotAudio
import EarshotLoadTest
import EarshotRecognizer
@testable import EarshotServing
import Foundation
import Testing
import Logging
import Synchronization

/// A server on a free loopback port for one test, with its JSON log lines captured.
final class TestServer: Sendable {
    let server: EarshotServer
    let port: Int
    let logLines: LinesBox
    private let task: Task<Void, any Error>

    private init(server: EarshotServer, port: Int, logLines: LinesBox, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.logLines = logLines
        self.task = task
    }

    /// Starts a server; `configure` adjusts the defaults (port 0, one worker, short queue).
    static func start(
        recognizer: any SpeechRecognizer = DurationEchoRecognizer(),
        others: [any SpeechRecognizer] = [],
        handlesSIGTERM: Bool = false,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = 1
        configuration.queueCapacity = 2
        configure(&configuration)
        let lines = LinesBox()
        var logger = Logger(label: "earshot.serve.test") { label in
            JSONLogHandler(label: label, sink: LogSink { line in lines.append(line) })
        }
        logger.logLevel = .info
        let server = try EarshotServer(
            configuration: configuration, models: ModelRegistry(primary: recognizer, others: others), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run(gracefulShutdownSignals: handlesSIGTERM ? [.sigterm] : []) { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        return TestServer(server: server, port: port, logLines: lines, task: task)
    }

    /// Graceful shutdown, waiting until the server has stopped.
    func stop() async throws {
        await server.shutdown()
        try await task.value
    }

    /// Waits for the server to stop by itself (after a signal).
    func waitUntilStopped() async throws { try await task.value }

    var logs: [String] { logLines.storage.withLock { $0 } }

    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> HTTPReply {
        try await HTTPClientConnection.with(host: "127.0.0.1", port: port) { connection in
            try await connection.send(method: method, path: path, headers: headers, body: body, timeout: .seconds(20))
        }
    }

    func json(_ reply: HTTPReply) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
    }
}

/// Collects log lines from the handler's sink.
final class LinesBox: Sendable {
    let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

/// Test audio: a 16-bit WAV of a 440 Hz tone, made with the audio module's writer.
enum TestAudio {
    static func wav(seconds: Double, sampleRate: Int = 16000, amplitude: Float = 0.3) throws -> [UInt8] {
        let count = Int(seconds * Double(sampleRate))
        let samples = (0..<count).map { amplitude * sin(2 * Float.pi * 440 * Float($0) / Float(sampleRate)) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-test-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AudioFile.writeWAV16(Waveform(samples: samples, sampleRate: sampleRate), to: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A multipart/form-data body with one `file` part per element.
    static func multipart(_ files: [(name: String, filename: String, bytes: [UInt8])], boundary: String = "earshotBOUNDARY42")
        -> (body: [UInt8], contentType: String)
    {
        var body: [UInt8] = []
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: audio/wav\r\n\r\n".utf8)
            body += file.bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }
}
