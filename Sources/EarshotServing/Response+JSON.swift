import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension Response {
    /// A JSON response; non-finite numbers (a buggy recognizer's NaN confidence) are written as
    /// strings rather than failing the encoding.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // ISO 8601 with milliseconds, like the structured logs (not seconds since 2001).
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"status":500,"kind":"encoding","message":"response could not be encoded"}}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The JSON error response for `error`, with `Retry-After` or `Allow` where the status calls
    /// for it.
    static func error(_ error: ServingError, retryAfterSeconds: Int) -> Response {
        var headers = HTTPFields()
        switch error {
        case .overloaded, .shuttingDown: headers[.retryAfter] = String(retryAfterSeconds)
        case .methodNotAllowed(_, let allowed): headers[.allow] = allowed.joined(separator: ", ")
        default: break
        }
        return json(
            ["error": ErrorBody(status: error.status, kind: error.kind, message: error.description)],
            status: HTTPResponse.Status(code: error.status), headers: headers)
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let earshotModel = HTTPField.Name("X-Earshot-Model")!
    static let earshotModelVersion = HTTPField.Name("X-Earshot-Model-Version")!
    /// `primary` or `candidate` while a canary runs.
    static let earshotArm = HTTPField.Name("X-Earshot-Arm")!
    /// Sticky canary assignment: the same client id always lands on the same arm.
    static let clientID = HTTPField.Name("X-Client-Id")!
}
