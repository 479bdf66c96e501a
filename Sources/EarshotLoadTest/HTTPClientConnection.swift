import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A response as the load tester needs it: status, headers (names lower-cased) and body.
public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What went wrong talking to the server (not an HTTP error status: those are replies).
public enum HTTPClientError: Error, Sendable, CustomStringConvertible {
    case connectionClosed
    case timedOut
    case invalidURL(String)

    public var description: String {
        switch self {
        case .connectionClosed: "the server closed the connection before a full response"
        case .timedOut: "no response within the request timeout"
        case .invalidURL(let url): "\(url): expected http://HOST:PORT[/PATH]"
        }
    }
}

/// One keep-alive HTTP/1.1 connection on plain NIO, used by one task at a time: light to build
/// (no TLS library) and precise enough for latency measurement on loopback.
public struct HTTPClientConnection {
    private var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    private let channel: any Channel
    private let host: String

    /// Opens a connection to `host:port`, runs `body` with it and closes it.
    public static func with<T: Sendable>(
        host: String, port: Int, _ body: (inout HTTPClientConnection) async throws -> T
    ) async throws -> T {
        let asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await asyncChannel.executeThenClose { inbound, outbound in
            var connection = HTTPClientConnection(
                inbound: inbound.makeAsyncIterator(), outbound: outbound, channel: asyncChannel.channel, host: host)
            return try await body(&connection)
        }
    }

    private init(
        inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>, channel: any Channel, host: String
    ) {
        self.inbound = inbound
        self.outbound = outbound
        self.channel = channel
        self.host = host
    }

    /// Sends one request and reads its whole response; closes the connection when no response
    /// arrives within `timeout`.
    public mutating func send(
        method: String, path: String, headers: [(String, String)] = [], body: [UInt8] = [],
        timeout: Duration = .seconds(60)
    ) async throws -> HTTPReply {
        var fields = HTTPHeaders([("Host", host), ("Content-Length", String(body.count))])
        for (name, value) in headers { fields.replaceOrAdd(name: name, value: value) }
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path, headers: fields)
        let channel = self.channel
        let expired = ExpiryFlag()
        let timer = channel.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            expired.set()
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        try await outbound.write(.head(head))
        if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
        try await outbound.write(.end(nil))

        var reply = HTTPReply(status: 0, headers: [:], body: [])
        while let part = try await inbound.next() {
            switch part {
            case .head(let responseHead):
                reply.status = Int(responseHead.status.code)
                for header in responseHead.headers { reply.headers[header.name.lowercased()] = header.value }
            case .body(let buffer):
                reply.body.append(contentsOf: buffer.readableBytesView)
            case .end:
                return reply
            }
        }
        throw expired.isSet ? HTTPClientError.timedOut : HTTPClientError.connectionClosed
    }
}

/// Set once by the timeout timer, read by the request that it closed.
private final class ExpiryFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
