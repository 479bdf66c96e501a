import EarshotAcousticModel
import EarshotCorpus
import EarshotDecoder
import EarshotRecognizer
import EarshotScoring
import Foundation

/// Fits a bundle's confidence calibration on labelled dev audio: each utterance is transcribed
/// with the raw confidence, scored right (no error at all, as `earshot wer` normalizes) or wrong,
/// and Platt scaling is fitted to those outcomes (`ConfidenceCalibration.fit`).
public enum ConfidenceCalibrator {
    public struct Outcome: Sendable {
        /// The bundle with the fitted calibration (unchanged when none could be fitted).
        public var bundle: ModelBundle
        public var calibration: ConfidenceCalibration?
        /// Calibration of the raw and of the calibrated confidence on the same utterances (the
        /// "after" figure is in-sample: judge it on held-out sets with `earshot wer`).
        public var before: CalibrationReport?
        public var after: CalibrationReport?
        /// Utterances that could not be read or transcribed.
        public var failures: [String]
    }

    public static func calibrate(_ bundle: ModelBundle, manifests: [String]) throws -> Outcome {
        var raw = bundle
        raw.confidenceCalibration = nil
        let recognizer = try Recognizer(bundle: raw)
        var items: [(path: String, text: String, id: String)] = []
        for manifestPath in manifests {
            let manifest = try Manifest.read(path: manifestPath)
            items += manifest.entries.map { (Manifest.audioPath(of: $0, manifestPath: manifestPath), $0.text, $0.id) }
        }
        BLASThreads.use(.parallelUtterances)
        let results = ParallelMap.map(items.map { TranscribeJob(path: $0.path, text: $0.text, id: $0.id) }) { job -> Result<(Double, String), TrainingError> in
            do {
                let transcript = try recognizer.transcribe(path: job.path).transcript
                return .success((transcript.confidence, transcript.text))
            } catch {
                return .failure(.unreadable(path: job.path, reason: "\(error)"))
            }
        }
        var scorer = CorpusScorer()
        var confidences: [Double] = [], correct: [Bool] = [], failures: [String] = []
        for (item, result) in zip(items, results) {
            switch result {
            case .success(let (confidence, hypothesis)):
                confidences.append(confidence)
                correct.append(try scorer.score(id: item.id, reference: item.text, hypothesis: hypothesis).isCorrect)
            case .failure(let error):
                failures.append(error.description)
            }
        }
        let calibration = ConfidenceCalibration.fit(confidences: confidences, correct: correct)
        var calibrated = bundle
        if let calibration { calibrated.confidenceCalibration = calibration }
        return Outcome(bundle: calibrated, calibration: calibration,
                       before: CalibrationReport.measure(confidences: confidences, correct: correct),
                       after: calibration.map { c in CalibrationReport.measure(confidences: confidences.map(c.apply), correct: correct) } ?? nil,
                       failures: failures)
    }

    private struct TranscribeJob: Sendable {
        var path: String
        var text: String
        var id: String
    }
}
