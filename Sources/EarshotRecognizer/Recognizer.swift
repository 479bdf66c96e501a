import EarshotAcousticModel
import EarshotAudio
import EarshotCore
import EarshotDecoder
import EarshotFeatures
import Foundation

/// The whole transcript stage: audio → 16 kHz mono → features → global CMVN → network →
/// decoder → `Transcript`. Immutable after construction, so one instance serves many threads.
public final class Recognizer: Sendable {
    public let bundle: ModelBundle
    let pipeline: FeaturePipeline
    let lexiconDecoder: LexiconDecoder?
    let greedyDecoder: GreedyDecoder

    public init(bundle: ModelBundle, overrides: DecoderOverrides = .init()) throws {
        try bundle.validate()
        var settings = bundle.decoder
        if let beam = overrides.beamWidth { settings.beamWidth = beam }
        if let weight = overrides.languageModelWeight { settings.languageModelWeight = weight }
        settings.secondsPerFrame = bundle.features.config.frameShiftMs / 1000 * Double(bundle.model.frameSubsampling)
        self.bundle = bundle
        pipeline = try bundle.features.pipeline()
        let units = bundle.decoderUnits
        greedyDecoder = GreedyDecoder(inventory: units, secondsPerFrame: settings.secondsPerFrame)
        if let lexicon = bundle.lexicon, !overrides.greedy {
            do {
                lexiconDecoder = try LexiconDecoder(inventory: units, lexicon: lexicon,
                                                    languageModel: bundle.languageModel, configuration: settings)
            } catch {
                throw RecognizerError.inconsistent(field: "decoder", reason: error.description)
            }
        } else {
            lexiconDecoder = nil
        }
    }

    /// The model shipped inside this build (`make train-default`).
    public static func defaultBundle() throws -> ModelBundle {
        guard let url = Bundle.module.url(forResource: "default", withExtension: "earshot"),
              let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size > 0 else {
            throw RecognizerError.noDefaultModel
        }
        return try ModelBundle(path: url.path)
    }

    public var name: String { bundle.metadata.name }
    public var version: String { bundle.metadata.version }

    /// Reads and transcribes one file.
    public func transcribe(path: String) throws -> Recognition {
        try transcribe(try input(path: path), source: path)
    }

    /// The file at `path` as the model hears it (16 kHz mono), converted while it is decoded,
    /// with the CPU seconds decoding and converting took.
    public func input(path: String) throws -> RecognizerInput {
        let started = ThreadCPUTime.seconds()
        let decoded: DecodedAudio
        do {
            decoded = try AudioFile.decodeConverted(path: path, options: FeatureSettings.inputConversion)
        } catch {
            throw RecognizerError.audio(file: path, reason: error.description)
        }
        let total = ThreadCPUTime.seconds() - started
        return RecognizerInput(audio: decoded.waveform,
                               stages: StageTimings(decode: total - decoded.conversionCPUSeconds, resample: decoded.conversionCPUSeconds))
    }

    /// Any sample rate and channel count.
    public func transcribe(_ waveform: Waveform, source: String = "audio") throws -> Recognition {
        let started = ThreadCPUTime.seconds()
        let audio = try modelInput(waveform, source: source)
        return try transcribe(RecognizerInput(audio: audio, stages: StageTimings(resample: ThreadCPUTime.seconds() - started)), source: source)
    }

    /// Audio already converted to the model's input. The clock covers features, network and
    /// decoder on the 16 kHz mono samples (the real-time factor; the PocketSphinx
    /// anchor's audio is likewise converted before its clock starts), not reading and resampling.
    public func transcribe(_ input: RecognizerInput, source: String = "audio") throws -> Recognition {
        let audio = try modelInput(input.audio, source: source)  // a no-op for `input(path:)`'s audio
        let clock = ContinuousClock()
        let started = clock.now, cpuStarted = ThreadCPUTime.seconds()
        var stages = input.stages
        let features = try features(ofModelInput: audio, source: source)
        stages.features = ThreadCPUTime.seconds() - cpuStarted
        let transcript = try decode(features: features, source: source, stages: &stages)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Recognition(transcript: transcript, audioSeconds: audio.durationSeconds, decodeSeconds: seconds,
                           cpuSeconds: ThreadCPUTime.seconds() - cpuStarted, stages: stages)
    }

    /// Normalized network input (frames × dimensions) of any waveform.
    public func features(of waveform: Waveform, source: String = "audio") throws -> FrameMatrix {
        try features(ofModelInput: modelInput(waveform, source: source), source: source)
    }

    /// The waveform as the model hears it: 16 kHz mono.
    private func modelInput(_ waveform: Waveform, source: String) throws -> Waveform {
        do {
            return try waveform.converted(FeatureSettings.inputConversion)
        } catch {
            throw RecognizerError.audio(file: source, reason: error.description)
        }
    }

    private func features(ofModelInput audio: Waveform, source: String) throws -> FrameMatrix {
        do {
            let raw = try pipeline.extract(audio.samples, sampleRate: audio.sampleRate, source: source)
            return try pipeline.postprocess(raw, source: source)
        } catch {
            throw RecognizerError.pipeline(file: source, stage: "features", reason: error.description)
        }
    }

    /// Decodes normalized features, adding the network's and the search's CPU seconds to `stages`.
    func decode(features: FrameMatrix, source: String, stages: inout StageTimings) throws -> Transcript {
        guard features.frames > 0 else { return Transcript(words: [], confidence: 0) }
        let networkStarted = ThreadCPUTime.seconds()
        let posteriors = try logPosteriors(features: features, source: source)
        let searchStarted = ThreadCPUTime.seconds()
        stages.network += searchStarted - networkStarted
        defer { stages.search += ThreadCPUTime.seconds() - searchStarted }
        return try search(logPosteriors: posteriors, source: source)
    }

    /// The network's per-frame log posteriors for normalized features.
    public func logPosteriors(features: FrameMatrix, source: String = "audio") throws -> FrameMatrix {
        do {
            return try bundle.model.logProbabilities(for: features)
        } catch let error as AcousticModelError {
            throw RecognizerError.pipeline(file: source, stage: "acoustic model", reason: error.description)
        }
    }

    /// The transcript of log posteriors: lexicon + LM search (or greedy), confidence calibrated.
    public func search(logPosteriors posteriors: FrameMatrix, source: String = "audio") throws -> Transcript {
        guard posteriors.frames > 0 else { return Transcript(words: [], confidence: 0) }
        do {
            var transcript = try lexiconDecoder?.decode(logPosteriors: posteriors.values, frameCount: posteriors.frames)
                ?? greedyDecoder.decode(logPosteriors: posteriors.values, frameCount: posteriors.frames)
            // Only the lexicon search's confidence was calibrated; greedy output keeps its own.
            if lexiconDecoder != nil, let calibration = bundle.confidenceCalibration {
                transcript.confidence = calibration.apply(transcript.confidence)
            }
            return transcript
        } catch let error as DecoderError {
            throw RecognizerError.pipeline(file: source, stage: "decoder", reason: error.description)
        }
    }
}
