import EarshotPersistence
import Foundation

/// Everything a request can fail with, each mapped to one HTTP status and a human message.
public enum ServingError: Error, Sendable, Equatable, CustomStringConvertible {
    case badRequest(String)
    case badAudio(String)
    case unauthorized
    case forbidden(String)
    case notFound(path: String)
    case methodNotAllowed(path: String, allowed: [String])
    case bodyTooLarge(bytes: Int, limit: Int)
    case audioTooLong(String)
    case overloaded(retryAfterSeconds: Int)
    case deadlineExceeded(seconds: Double)
    case shuttingDown
    case unknownModel(String)
    case recognizerFailed(String)
    case modelUnavailable(String)
    case invalidConfiguration(String)
    case requestLogFailed(path: String, reason: String)

    /// The HTTP status code the server answers with.
    public var status: Int {
        switch self {
        case .badRequest, .badAudio, .unknownModel: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .bodyTooLarge, .audioTooLong: 413
        case .overloaded, .shuttingDown, .modelUnavailable: 503
        case .deadlineExceeded: 504
        case .recognizerFailed, .invalidConfiguration, .requestLogFailed: 500
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let reason): "bad request: \(reason)"
        case .badAudio(let reason): "bad audio: \(reason)"
        case .unauthorized: "missing or invalid API key (send Authorization: Bearer KEY)"
        case .forbidden(let reason): "forbidden: \(reason)"
        case .notFound(let path): "\(path): no such route"
        case .methodNotAllowed(let path, let allowed):
            "\(path): method not allowed (allowed: \(allowed.joined(separator: ", ")))"
        case .bodyTooLarge(let bytes, let limit): "request body of \(bytes)+ bytes exceeds the limit of \(limit) bytes"
        case .audioTooLong(let reason): "audio too long: \(reason)"
        case .overloaded(let seconds): "server at capacity: queue full, retry after \(seconds) s"
        case .deadlineExceeded(let seconds): "request not finished within its deadline of \(String(format: "%.2f", seconds)) s"
        case .shuttingDown: "server is shutting down"
        case .unknownModel(let name): "unknown model '\(name)' (see GET /v1/models)"
        case .recognizerFailed(let reason): "recognizer failed: \(reason)"
        case .modelUnavailable(let reason): "no model available: \(reason)"
        case .invalidConfiguration(let reason): "invalid server configuration: \(reason)"
        case .requestLogFailed(let path, let reason): "\(path): request log: \(reason)"
        }
    }

    /// Short, bounded label for metrics and logs.
    public var kind: String {
        switch self {
        case .badRequest: "bad_request"
        case .badAudio: "bad_audio"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .bodyTooLarge: "body_too_large"
        case .audioTooLong: "audio_too_long"
        case .overloaded: "overloaded"
        case .deadlineExceeded: "deadline_exceeded"
        case .shuttingDown: "shutting_down"
        case .unknownModel: "unknown_model"
        case .recognizerFailed: "recognizer_failed"
        case .modelUnavailable: "model_unavailable"
        case .invalidConfiguration: "invalid_configuration"
        case .requestLogFailed: "request_log_failed"
        }
    }
}

extension ServingError {
    /// A store's failure as the server reports it: a missing review item is the client's
    /// mistake (400); a database or folder that fails is the server's (500).
    public init(_ error: PersistenceError) {
        switch error {
        case .noSuchItem: self = .badRequest(error.description)
        case .storeFailed(let path, let store, let reason): self = .requestLogFailed(path: path, reason: "\(store): \(reason)")
        }
    }
}
