import EarshotAcousticModel
import EarshotAudio
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
        let waveform: Waveform
        do {
            waveform = try AudioFile.read(path: path)
        } catch {
            throw RecognizerError.audio(file: path, reason: error.description)
        }
        return try transcribe(waveform, source: path)
    }

    /// Any sample rate and channel count. The clock covers features, network and decoder on the
    /// 16 kHz mono samples (the real-time factor; the PocketSphinx anchor's audio is
    /// likewise converted before its clock starts), not reading and resampling the file.
    public func transcribe(_ waveform: Waveform, source: String = "audio") throws -> Recognition {
        let audio = try modelInput(waveform, source: source)
        let clock = ContinuousClock()
        let started = clock.now, cpuStarted = ThreadCPUTime.seconds()
        let features = try features(ofModelInput: audio, source: source)
        let transcript = try decode(features: features, source: source)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Recognition(transcript: transcript, audioSeconds: waveform.durationSeconds, decodeSeconds: seconds,
                           cpuSeconds: ThreadCPUTime.seconds() - cpuStarted)
    }

    /// Normalized network input (frames × dimensions) of any waveform.
    public func features(of waveform: Waveform, source: String = "audio") throws -> FeatureMatrix {
        try features(ofModelInput: modelInput(waveform, source: source), source: source)
    }

    /// The waveform as the model hears it: 16 kHz mono.
    private func modelInput(_ waveform: Waveform, source: String) throws -> Waveform {
        do {
            return try waveform.converted(ConversionOptions(sampleRate: FeatureSettings.sampleRate, quality: .fastest))
        } catch {
            throw RecognizerError.audio(file: source, reason: error.description)
        }
    }

    private func features(ofModelInput audio: Waveform, source: String) throws -> FeatureMatrix {
        do {
            let raw = try pipeline.extract(audio.samples, sampleRate: audio.sampleRate, source: source)
            return try pipeline.postprocess(raw, source: source)
        } catch {
            throw RecognizerError.pipeline(file: source, stage: "features", reason: error.description)
        }
    }

    /// Decodes normalized features (as `features(of:)` makes them).
    public func decode(features: FeatureMatrix, source: String = "audio") throws -> Transcript {
        guard features.frameCount > 0 else { return Transcript(words: [], confidence: 0) }
        do {
            let input = try FrameMatrix(frames: features.frameCount, dimensions: features.dimension, values: features.values)
            let posteriors = try bundle.model.logProbabilities(for: input)
            if let lexiconDecoder {
                return try lexiconDecoder.decode(logPosteriors: posteriors.values, frameCount: posteriors.frames)
            }
            return try greedyDecoder.decode(logPosteriors: posteriors.values, frameCount: posteriors.frames)
        } catch let error as AcousticModelError {
            throw RecognizerError.pipeline(file: source, stage: "acoustic model", reason: error.description)
        } catch let error as DecoderError {
            throw RecognizerError.pipeline(file: source, stage: "decoder", reason: error.description)
        }
    }
}
