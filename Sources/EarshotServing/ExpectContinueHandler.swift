import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` (RFC 9110 §10.1.1), which curl and other clients send before
/// a large upload and then wait up to a second for: `100 Continue` goes out as soon as the
/// request head arrives, unless the head alone already decides a refusal: a declared
/// `Content-Length` over the body limit, or a missing or wrong API key (`refusesHead`). Then no
/// `100` is sent, the handlers answer 413 from the header alone without reading a byte
/// of the body, and since the client will not send it, the connection closes after that answer
/// (`Connection: close`) instead of waiting for a body that never comes.
///
/// One instance per connection, on its event loop; it sits between the HTTP codec and
/// Hummingbird's request handling.
final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let maxBodyBytes: Int
    /// True when the server will answer this head with an error without reading the body.
    private let refusesHead: @Sendable (HTTPRequest) -> Bool
    /// The current request asked for 100-continue and was refused it.
    private var closeAfterResponse = false

    init(maxBodyBytes: Int, refusesHead: @escaping @Sendable (HTTPRequest) -> Bool = { _ in false }) {
        self.maxBodyBytes = maxBodyBytes
        self.refusesHead = refusesHead
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data), Self.expectsContinue(request.headerFields[values: .expect]) {
            let declared = request.headerFields[.contentLength].flatMap { Int($0) }
            if let declared, declared > maxBodyBytes {
                closeAfterResponse = true
            } else if refusesHead(request) {
                closeAfterResponse = true
            } else {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeAfterResponse else {
            context.write(data, promise: promise)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var response):
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            closeAfterResponse = false
            // Close only once the answer is on the wire: closing drops writes still pending.
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)  // the callback runs on this loop
            written.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }

    /// True when the request's `Expect` values hold the `100-continue` expectation (case-insensitive).
    static func expectsContinue(_ expectations: [String]) -> Bool {
        expectations.contains { $0.lowercased() == "100-continue" }
    }
}
