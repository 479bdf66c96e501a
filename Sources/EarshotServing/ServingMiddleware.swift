import EarshotPersistence
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Wraps every request: authentication, error-to-status mapping, metrics, the one JSON log
/// line per request and the request-log rows. No error escapes it unanswered.
struct ServingMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext

    let state: ServerState

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        state.metrics.requestStarted()
        defer { state.metrics.requestFinished() }
        let route = ServeRoute(path: request.uri.path)
        var answered: Response?
        var failure = state.refusal(route: route, authorization: request.headers[.authorization])
        if failure == nil {
            do {
                answered = try await next(request, context)
            } catch {
                failure = servingError(for: error, path: request.uri.path, route: route, method: request.method)
            }
        }
        var response = answered ?? Response.error(
            failure ?? .recognizerFailed("no response"), retryAfterSeconds: state.configuration.retryAfterSeconds)
        response.headers[.requestID] = context.requestID
        let latency = ContinuousClock.now - context.arrival
        let model = context.notes.modelLabel
        state.metrics.recordRequest(
            route: route?.rawValue ?? "unmatched", method: request.method.rawValue,
            status: response.status.code, model: model, latency: latency)
        if route?.isRecognition == true, let requestLog = state.requestLog {
            let rows = RequestLogRows.make(
                context: context, route: route?.rawValue ?? "", status: response.status.code,
                failure: failure, latency: latency, reviewThreshold: state.configuration.reviewThreshold)
            do {
                try await requestLog.append(rows)
            } catch {
                state.logger.error("request log write failed", metadata: ["request_id": "\(context.requestID)", "error": "\(error)"])
            }
        }
        logLine(request: request, context: context, route: route, status: response.status.code, model: model,
                latency: latency, failure: failure)
        return response
    }

    /// Maps anything a handler or the router threw to the status it stands for.
    func servingError(for error: any Error, path: String, route: ServeRoute?, method: HTTPRequest.Method) -> ServingError {
        switch error {
        case let serving as ServingError:
            return serving
        case let http as HTTPError where http.status == .notFound:
            if let route, !route.methods.contains(method) {
                return .methodNotAllowed(path: path, allowed: route.methods.map(\.rawValue))
            }
            return .notFound(path: String(path.prefix(200)))
        case let http as HTTPError:
            return .badRequest(http.body ?? http.status.reasonPhrase)
        case is NIOTooManyBytesError:
            let limit = state.configuration.maxBodyBytes
            return .bodyTooLarge(bytes: limit + 1, limit: limit)
        default:
            return .recognizerFailed("internal error: \(error)")
        }
    }

    private func logLine(
        request: Request, context: Context, route: ServeRoute?, status: Int, model: String, latency: Duration,
        failure: ServingError?
    ) {
        var metadata: Logger.Metadata = [
            "request_id": .string(context.requestID),
            "method": .string(request.method.rawValue),
            "route": .string(route?.rawValue ?? "unmatched"),
            "status": .stringConvertible(status),
            "latency_ms": .stringConvertible(Self.rounded(latency.milliseconds)),
            "model": .string(model),
        ]
        let items = context.notes.all
        if !items.isEmpty {
            var audio = 0.0, queue = 0.0, compute = 0.0
            for case .success(let done) in items.map(\.outcome) {
                audio += done.audioSeconds
                queue += done.timings.queueWait.milliseconds
                compute += done.timings.compute.milliseconds
            }
            metadata["files"] = .stringConvertible(items.count)
            metadata["audio_seconds"] = .stringConvertible(Self.rounded(audio))
            metadata["queue_ms"] = .stringConvertible(Self.rounded(queue))
            metadata["compute_ms"] = .stringConvertible(Self.rounded(compute))
        }
        if let failure { metadata["error"] = .string(failure.kind) }
        state.logger.info("request", metadata: metadata)
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

/// Builds the request-log rows of one request from its notes.
enum RequestLogRows {
    static func make(
        context: ServeRequestContext, route: String, status: Int, failure: ServingError?, latency: Duration,
        reviewThreshold: Double
    ) -> [RequestLogRow] {
        let items = context.notes.all
        let base = RequestLogRow(
            requestID: context.requestID, item: 0, receivedAt: context.receivedAt, route: route, status: status,
            error: failure?.description, latencyMs: latency.milliseconds)
        // A request refused before any file was read (401, 413 on the body, 503) still gets a row.
        guard !items.isEmpty else { return [base] }
        return items.map { item in
            var row = base
            row.item = item.item
            row.filename = item.filename
            row.audioPath = item.audioPath
            switch item.outcome {
            case .success(let done):
                row.status = 200
                row.error = nil
                row.modelName = done.model.name
                row.modelVersion = done.model.version
                row.queueMs = done.timings.queueWait.milliseconds
                row.computeMs = done.timings.compute.milliseconds
                row.audioSeconds = done.audioSeconds
                row.audioFormat = done.audioFormat
                row.sampleRate = done.audioStats?.sampleRate
                row.channels = done.audioStats?.channels
                row.rmsDBFS = done.audioStats?.rmsDBFS
                row.peakDBFS = done.audioStats?.peakDBFS
                row.integratedLUFS = done.audioStats?.integratedLUFS
                row.snrDB = done.audioStats?.snrDB
                row.clippedFraction = done.audioStats?.clippedFraction
                row.transcript = done.transcript.text
                row.confidence = done.transcript.confidence
                row.needsReview = TranscriptionResponse.needsReview(done.transcript.confidence, threshold: reviewThreshold)
            case .failure(let error):
                row.status = error.status
                row.error = error.description
            }
            return row
        }
    }
}

