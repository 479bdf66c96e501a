import EarshotMonitoring
import EarshotRecognizer
import EarshotRollout
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension EarshotServer {
    func makeRouter() -> Router<ServeRequestContext> {
        let router = Router(context: ServeRequestContext.self)
        router.add(middleware: ServingMiddleware(state: state))
        let state = self.state
        router.get(.init(ServeRoute.healthz.rawValue)) { _, _ in Response.json(["status": "alive"]) }
        router.get(.init(ServeRoute.readyz.rawValue)) { [self] _, _ in
            guard isReady else { throw ServingError.shuttingDown }
            return Response.json(["status": "ready", "model": models.primary.name])
        }
        router.get(.init(ServeRoute.models.rawValue)) { [self] _, _ in
            Response.json(ModelList(primary: models.primary, models: models.models))
        }
        router.get(.init(ServeRoute.metrics.rawValue)) { [self] _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            await state.countResolvedReviews()
            let text = metrics.exposition(load: state.engine.pool.load)
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.post(.init(ServeRoute.transcribe.rawValue)) { request, context in
            try await Self.transcribe(request, context: context, state: state)
        }
        router.post(.init(ServeRoute.batch.rawValue)) { request, context in
            try await Self.transcribeBatch(request, context: context, state: state)
        }
        addAdminRoutes(to: router)
        router.get(.init(ServeRoute.monitoring.rawValue)) { _, _ in
            await state.countResolvedReviews()
            return Response.json(state.monitor.report(feedbackWER: state.liveWER.estimates))
        }
        router.post(.init(ServeRoute.feedback.rawValue)) { request, context in
            try await Self.feedback(request, context: context, state: state)
        }
        return router
    }

    /// `POST /v1/transcribe`: raw audio bytes, or multipart/form-data with a `file` part.
    static func transcribe(_ request: Request, context: ServeRequestContext, state: ServerState) async throws -> Response {
        let body = try await readBody(request, context: context, state: state)
        let upload: (bytes: [UInt8], filename: String)
        if MultipartFormData.isMultipart(contentType: request.headers[.contentType]) {
            let parts = try multipartParts(body, contentType: request.headers[.contentType])
            guard let file = parts.first(where: { $0.name == "file" }) else {
                throw ServingError.badRequest("multipart body has no part named 'file'")
            }
            upload = (file.body, file.filename ?? "file")
        } else {
            upload = (body, request.uri.queryParameters["filename"].map(String.init) ?? "upload")
        }
        let level = state.configuration.automation
        guard level != .humanOnly else {
            return try await queueForHumans(upload.bytes, filename: upload.filename, context: context, state: state)
        }
        let model = request.uri.queryParameters["model"].map(String.init)
        let decision = state.rollout.route(clientID: request.headers[.clientID], explicitModel: model)
        let transcription = try await recognizeRouted(
            upload.bytes, filename: upload.filename, item: 0, decision: decision, context: context, state: state)
        let (disposition, withheld) = try await applyAutomation(
            transcription, itemID: context.requestID, audioPath: context.notes.all.last?.audioPath, context: context, state: state)
        if let withheld { return Response.json(withheld, status: .accepted) }
        var response = TranscriptionResponse(
            id: context.requestID, transcription: transcription, latency: .now - context.arrival,
            reviewThreshold: state.configuration.reviewThreshold)
        response.needsReview = disposition.needsReview
        response.automation = level.rawValue
        response.suggestion = disposition.suggestion
        var headers = HTTPFields()
        headers[.earshotModel] = transcription.model.name
        headers[.earshotModelVersion] = transcription.model.version
        if let arm = decision.answeringArm(transcription) { headers[.earshotArm] = arm.rawValue }
        return Response.json(response, headers: headers)
    }

    /// `POST /v1/transcribe/batch`: multipart/form-data with one or more `file` parts, recognized
    /// concurrently on the shared pool. Each file gets its own status; the request is 200 when
    /// the batch itself was well formed.
    static func transcribeBatch(_ request: Request, context: ServeRequestContext, state: ServerState) async throws -> Response {
        let level = state.configuration.automation
        guard level == .partial || level == .full else {
            throw ServingError.badRequest("batch requests need automation 'partial' or 'full', the server runs '\(level.rawValue)'")
        }
        let body = try await readBody(request, context: context, state: state)
        guard MultipartFormData.isMultipart(contentType: request.headers[.contentType]) else {
            throw ServingError.badRequest("batch requests must be multipart/form-data with 'file' parts")
        }
        let files = try multipartParts(body, contentType: request.headers[.contentType]).filter { $0.name == "file" }
        guard !files.isEmpty else { throw ServingError.badRequest("multipart body has no part named 'file'") }
        let limit = state.configuration.maxBatchFiles
        guard files.count <= limit else {
            throw ServingError.badRequest("batch of \(files.count) files exceeds the limit of \(limit)")
        }
        let model = request.uri.queryParameters["model"].map(String.init)
        let clientID = request.headers[.clientID]
        // Each file is routed as a single request would be: the canary split (sticky per client),
        // a shadow copy, the blue-green primary of the moment.
        let decisions = files.map { _ in state.rollout.route(clientID: clientID, explicitModel: model) }
        let outcomes = await withTaskGroup(of: (Int, Result<Transcription, ServingError>).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask {
                    do throws(ServingError) {
                        let done = try await recognizeRouted(
                            file.body, filename: file.filename ?? "file\(index)", item: index, decision: decisions[index],
                            context: context, state: state)
                        return (index, .success(done))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var byIndex = [Result<Transcription, ServingError>?](repeating: nil, count: files.count)
            for await (index, outcome) in group { byIndex[index] = outcome }
            return byIndex
        }
        let latency = ContinuousClock.now - context.arrival
        var items: [BatchResponse.Item] = []
        for (index, outcome) in zip(files.indices, outcomes) {
            let arm = outcome.flatMap { try? $0.get() }.map { decisions[index].answeringArm($0) } ?? decisions[index].arm
            items.append(try await batchItem(outcome, file: files[index], index: index, arm: arm,
                                             latency: latency, context: context, state: state))
        }
        return Response.json(BatchResponse(id: context.requestID, results: items))
    }

    /// One file's entry in a batch answer. A transcript gets the automation level's treatment
    /// like a single request's (needs_review, queued, remembered for feedback) under its own id,
    /// `REQUEST_ID-INDEX`, the name its audio is kept under.
    private static func batchItem(
        _ outcome: Result<Transcription, ServingError>?, file: FormPart, index: Int, arm: Arm?, latency: Duration,
        context: ServeRequestContext, state: ServerState
    ) async throws -> BatchResponse.Item {
        switch outcome {
        case .success(let done)?:
            let itemID = "\(context.requestID)-\(index)"
            let audioPath = state.audioStore?.stored(requestID: context.requestID, item: index, filename: file.filename ?? "file\(index)")
            do {
                let (disposition, _) = try await applyAutomation(done, itemID: itemID, audioPath: audioPath, context: context, state: state)
                var result = TranscriptionResponse(
                    id: itemID, transcription: done, latency: latency, reviewThreshold: state.configuration.reviewThreshold)
                result.needsReview = disposition.needsReview
                result.automation = state.configuration.automation.rawValue
                return .init(filename: file.filename, status: 200, result: result, error: nil, arm: arm?.rawValue)
            } catch {
                // The review queue failing for one file fails that file, not the whole batch.
                let failure = (error as? ServingError) ?? .recognizerFailed("review queue: \(error)")
                return .init(filename: file.filename, status: failure.status, result: nil,
                             error: ErrorBody(status: failure.status, kind: failure.kind, message: failure.description))
            }
        case .failure(let error)?:
            return .init(filename: file.filename, status: error.status, result: nil,
                         error: ErrorBody(status: error.status, kind: error.kind, message: error.description))
        case nil:
            let error = ServingError.recognizerFailed("no result")
            return .init(filename: file.filename, status: 500, result: nil,
                         error: ErrorBody(status: 500, kind: error.kind, message: error.description))
        }
    }

    /// Recognizes one file and leaves a note of the outcome for metrics and the request log.
    static func recognize(
        _ bytes: [UInt8], filename: String, item: Int, model: String?, context: ServeRequestContext, state: ServerState
    ) async throws(ServingError) -> Transcription {
        let audioPath = state.audioStore?.store(bytes, requestID: context.requestID, item: item, filename: filename)
        let configuration = state.configuration
        do {
            let done = try await state.engine.transcribe(
                bytes, name: filename, model: model, deadline: context.arrival + configuration.requestTimeout,
                timeout: configuration.requestTimeout)
            state.metrics.recordRecognition(
                model: done.model.name, audioSeconds: done.audioSeconds, timings: done.timings,
                confidence: done.transcript.confidence,
                needsReview: TranscriptionResponse.needsReview(done.transcript.confidence, threshold: configuration.reviewThreshold))
            context.notes.add(.init(item: item, filename: filename, outcome: .success(done), audioPath: audioPath))
            state.monitor.observe(MonitoredMetrics.values(done, vocabulary: configuration.vocabulary))
            return done
        } catch {
            context.notes.add(.init(item: item, filename: filename, outcome: .failure(error), audioPath: audioPath))
            throw error
        }
    }

    /// The whole body, refusing (413) more than the configured limit: from `Content-Length`
    /// before reading, or while reading for chunked uploads. A client still uploading at the
    /// request's deadline gets 504, so a slow sender cannot hold a connection forever.
    static func readBody(_ request: Request, context: ServeRequestContext, state: ServerState) async throws(ServingError) -> [UInt8] {
        let limit = state.configuration.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw .bodyTooLarge(bytes: declared, limit: limit)
        }
        let timeout = state.configuration.requestTimeout
        let deadline = context.arrival + timeout
        do {
            return try await withThrowingTaskGroup(of: [UInt8].self) { group in
                group.addTask {
                    var request = request
                    return Array(try await request.collectBody(upTo: limit).readableBytesView)
                }
                group.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    throw ServingError.deadlineExceeded(seconds: timeout.seconds)
                }
                defer { group.cancelAll() }
                guard let body = try await group.next() else { throw ServingError.badRequest("no request body") }
                return body
            }
        } catch let error as ServingError {
            throw error
        } catch is NIOTooManyBytesError {
            throw .bodyTooLarge(bytes: limit + 1, limit: limit)
        } catch {
            throw .badRequest("could not read the request body: \(error)")
        }
    }

    static func multipartParts(_ body: [UInt8], contentType: String?) throws(ServingError) -> [FormPart] {
        guard let contentType, let boundary = MultipartFormData.boundary(contentType: contentType) else {
            throw .badRequest("multipart/form-data Content-Type has no valid boundary parameter")
        }
        return try MultipartFormData.parse(body, boundary: boundary)
    }
}

/// The body of `GET /v1/models`.
struct ModelList: Codable, Sendable {
    var primary: ModelInfo
    var models: [ModelInfo]
}
