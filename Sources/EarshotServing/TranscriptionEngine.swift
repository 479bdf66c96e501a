import EarshotAudio
import EarshotDecoder
import EarshotRecognizer
import Foundation

/// One finished recognition with everything a response, a metric or a log row needs.
public struct Transcription: Sendable {
    public var transcript: Transcript
    public var model: ModelInfo
    public var audioSeconds: Double
    /// libsndfile's name of the upload's container and encoding.
    public var audioFormat: String
    /// The input's levels, loudness and SNR (nil when they could not be measured).
    public var audioStats: AudioStats?
    public var timings: JobTimings
}

/// Audio bytes in, transcript out: decodes, enforces the audio limits and runs the recognizer,
/// all on the worker pool. Knows nothing about HTTP.
public final class TranscriptionEngine: Sendable {
    public let models: ModelRegistry
    public let pool: WorkerPool
    public let maxAudioSeconds: Double
    public let retryAfterSeconds: Int

    public init(models: ModelRegistry, pool: WorkerPool, maxAudioSeconds: Double, retryAfterSeconds: Int = 1) {
        self.models = models
        self.pool = pool
        self.maxAudioSeconds = maxAudioSeconds
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Recognizes `bytes` (any format the audio module reads) with the model named `model`
    /// (the primary when nil), failing with `.deadlineExceeded` once `deadline` passes. With
    /// `onlyIfIdle` it runs only on a worker free now, else fails with `.overloaded` at once.
    public func transcribe(
        _ bytes: [UInt8], name: String, model: String?, deadline: ContinuousClock.Instant, timeout: Duration,
        onlyIfIdle: Bool = false
    ) async throws(ServingError) -> Transcription {
        guard !bytes.isEmpty else { throw .badAudio("\(name): empty body, expected audio bytes") }
        let recognizer = try models.recognizer(named: model)
        let limit = maxAudioSeconds
        return try await onPool(deadline: deadline, timeout: timeout, onlyIfIdle: onlyIfIdle) {
                let decoded = try AudioDecoding.decode(bytes, name: name, maxSeconds: limit)
                let transcript: Transcript
                do {
                    transcript = try recognizer.recognize(decoded.waveform)
                } catch {
                    throw ServingError.recognizerFailed("\(recognizer.modelInfo.name): \(error)")
                }
                // Input statistics for the request log (drift monitoring); a failure to measure
                // never fails the request.
                let stats = try? AudioStats(measuring: decoded.waveform, file: name, format: decoded.formatName)
                return Transcription(
                    transcript: transcript, model: recognizer.modelInfo, audioSeconds: decoded.waveform.durationSeconds,
                    audioFormat: decoded.formatName, audioStats: stats, timings: .init(queueWait: .zero, compute: .zero))
        }
    }

    /// Decodes and measures `bytes` without running any model (human-only automation): the
    /// result has no words and the model "none".
    public func measure(
        _ bytes: [UInt8], name: String, deadline: ContinuousClock.Instant, timeout: Duration
    ) async throws(ServingError) -> Transcription {
        guard !bytes.isEmpty else { throw .badAudio("\(name): empty body, expected audio bytes") }
        let limit = maxAudioSeconds
        return try await onPool(deadline: deadline, timeout: timeout, onlyIfIdle: false) {
            let decoded = try AudioDecoding.decode(bytes, name: name, maxSeconds: limit)
            let stats = try? AudioStats(measuring: decoded.waveform, file: name, format: decoded.formatName)
            return Transcription(
                transcript: Transcript(words: [], confidence: .nan), model: ModelInfo(name: "none", version: ""),
                audioSeconds: decoded.waveform.durationSeconds, audioFormat: decoded.formatName, audioStats: stats,
                timings: .init(queueWait: .zero, compute: .zero))
        }
    }

    /// Runs a job on the pool, mapping the pool's rejections to the statuses they stand for.
    private func onPool(
        deadline: ContinuousClock.Instant, timeout: Duration, onlyIfIdle: Bool,
        _ work: @escaping @Sendable () throws -> Transcription
    ) async throws(ServingError) -> Transcription {
        do {
            let (value, timings) = try await pool.run(deadline: deadline, onlyIfIdle: onlyIfIdle, work)
            var done = value
            done.timings = timings
            return done
        } catch let error as ServingError {
            throw error
        } catch let rejection as WorkerPoolRejection {
            switch rejection {
            case .queueFull: throw .overloaded(retryAfterSeconds: retryAfterSeconds)
            case .deadlinePassed: throw .deadlineExceeded(seconds: timeout.seconds)
            case .closed: throw .shuttingDown
            }
        } catch {
            throw .recognizerFailed("\(error)")
        }
    }
}
