@testable import EarshotServing
import EarshotCore
import Foundation
import Testing

/// `Expect: 100-continue` over a raw socket, byte by byte as a client like curl sees it: the
/// interim `100 Continue` before the body is sent, and an over-limit upload refused (413) from
/// its header alone.
@Suite(.timeLimit(.minutes(5))) struct ExpectContinueTests {
    @Test func continueComesBeforeTheBodyAndTheConnectionStaysUsable() async throws {
        let server = try await TestServer.start()
        let audio = try TestAudio.wav(seconds: 1, sampleRate: 8000)
        let exchange = try await RawSocket.run(port: server.port) { socket in
            try socket.send(Array("""
                POST /v1/transcribe HTTP/1.1\r
                Host: 127.0.0.1\r
                Content-Type: audio/wav\r
                Content-Length: \(audio.count)\r
                Expect: 100-continue\r
                \r\n
                """.utf8))
            // Nothing of the body has left yet: the server must speak first.
            let interim = socket.receive(until: { $0.contains("\r\n\r\n") }, seconds: 10)
            try socket.send(audio)
            let answer = socket.receive(until: { $0.contains("one seconds") }, seconds: 10)
            try socket.send(Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            let health = socket.receive(until: { $0.contains("alive") }, seconds: 10)
            return (interim, answer, health)
        }
        #expect(exchange.0 == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(exchange.1.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(exchange.1.contains("one seconds"))
        #expect(exchange.2.hasPrefix("HTTP/1.1 200 OK\r\n"))  // same connection, next request
        try await server.stop()
    }

    @Test func anOverLimitUploadIsRefusedWithoutReadingItsBody() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-expect-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let server = try await TestServer.start { configuration in
            configuration.maxBodyBytes = 1000
            configuration.requestLogPath = directory + "/requests.db"
        }
        let (answer, closed) = try await RawSocket.run(port: server.port) { socket in
            try socket.send(Array("""
                POST /v1/transcribe HTTP/1.1\r
                Host: 127.0.0.1\r
                Content-Length: 50000\r
                Expect: 100-Continue\r
                \r\n
                """.utf8))
            // The body is never sent: the answer must come from the header alone.
            let answer = socket.receive(until: { $0.contains("\"kind\"") && $0.hasSuffix("}") }, seconds: 10)
            return (answer, socket.waitForClose(seconds: 10))
        }
        #expect(answer.hasPrefix("HTTP/1.1 413 "))
        #expect(!answer.contains("100 Continue"))
        #expect(answer.lowercased().contains("connection: close"))
        #expect(closed)  // the server closes instead of waiting for a body that will not come
        #expect(try server.server.requestLog?.allRows().map(\.status) == [413])
        try await server.stop()
    }

    /// A request its key would refuse gets no 100 Continue: the 401 comes from the head alone,
    /// before the client uploads anything.
    @Test func anUnauthorizedUploadIsRefusedBeforeItsBody() async throws {
        let server = try await TestServer.start { configuration in
            configuration.apiKeyHashes = [SHA256.hex(SHA256.hash(Array("the-key".utf8)))]
        }
        let (answer, closed) = try await RawSocket.run(port: server.port) { socket in
            try socket.send(Array("""
                POST /v1/transcribe?filename=a.wav HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer wrong-key\r
                Content-Length: 5000\r
                Expect: 100-continue\r
                \r\n
                """.utf8))
            let answer = socket.receive(until: { $0.contains("\"kind\"") && $0.hasSuffix("}") }, seconds: 10)
            return (answer, socket.waitForClose(seconds: 10))
        }
        #expect(answer.hasPrefix("HTTP/1.1 401 "))
        #expect(!answer.contains("100 Continue"))
        #expect(closed)
        try await server.stop()
    }

    @Test func onlyTheContinueExpectationIsRecognized() {
        #expect(ExpectContinueHandler.expectsContinue(["100-continue"]))
        #expect(ExpectContinueHandler.expectsContinue(["100-CONTINUE"]))
        #expect(!ExpectContinueHandler.expectsContinue([]))
        #expect(!ExpectContinueHandler.expectsContinue(["something-else"]))
    }
}

/// A blocking TCP client on loopback for byte-exact HTTP exchanges; runs on its own thread so
/// it never blocks the Swift concurrency pool the server under test also uses.
final class RawSocket {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    private init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        var slice = timeval(tv_sec: 0, tv_usec: 100_000)  // reads wake up every 100 ms
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &slice, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Connects to `port` and runs `body` on a thread of its own.
    static func run<T: Sendable>(port: Int, _ body: @escaping @Sendable (RawSocket) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try body(RawSocket(port: port)) })
            }
        }
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }

    /// Reads until `done` holds for the text received so far (returned and consumed), the peer
    /// closes, or `seconds` pass.
    func receive(until done: (String) -> Bool, seconds: Double) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(String(decoding: pending, as: UTF8.self)), Date() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { break }
            if count > 0 { pending += buffer[0..<count] }
        }
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }

    /// True when the peer closes the connection within `seconds` (data arriving is ignored).
    func waitForClose(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return true }
            if count < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR { return true }  // reset
        }
        return false
    }
}
