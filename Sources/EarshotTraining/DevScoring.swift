import EarshotAcousticModel
import EarshotRecognizer
import EarshotScoring

/// Dev WER of a candidate bundle through the real recognizer, its dev CTC loss, and its output
/// statistics.
struct DevScoring {
    var wer: Double
    /// Mean CTC loss per dev utterance: continuous where WER is not, it tells apart epochs whose
    /// dev WER ties (a small dev set of voices the model trains on saturates within a few epochs).
    var loss: Double
    var confidences: [Double]
    var wordsPerSecond: [Double]

    /// Dev utterances per forward pass of the loss (bounds the padded batch's memory).
    static let lossBatch = 32

    /// Whether `self` is a better epoch than `other`: lower dev WER, then lower dev loss.
    func isBetter(than other: (wer: Double, loss: Double)) -> Bool {
        (wer, loss) < other
    }

    static func score(bundle: ModelBundle, examples: [TrainingExample], utterances: [LabelledUtterance]) throws -> DevScoring {
        let recognizer = try Recognizer(bundle: bundle)
        let transcripts = ParallelMap.map(examples) { example in
            Result { () throws in
                try recognizer.decode(features: example.features)
            }
        }
        var scorer = CorpusScorer()
        var errors = 0, referenceWords = 0
        var result = DevScoring(wer: 0, loss: try meanLoss(of: bundle.model, examples: examples), confidences: [], wordsPerSecond: [])
        for (utterance, transcript) in zip(utterances, transcripts) {
            let hypothesis = try transcript.get()
            let counts = try scorer.score(id: utterance.id, reference: utterance.text, hypothesis: hypothesis.text).counts
            errors += counts.substitutions + counts.deletions + counts.insertions
            referenceWords += counts.hits + counts.substitutions + counts.deletions
            result.confidences.append(hypothesis.confidence)
            result.wordsPerSecond.append(Double(hypothesis.words.count) / max(utterance.seconds, 1e-3))
        }
        result.wer = referenceWords > 0 ? Double(errors) / Double(referenceWords) : 0
        return result
    }

    /// Mean CTC loss over the examples, in batches on all cores; infeasible utterances skipped.
    static func meanLoss(of model: AcousticModel, examples: [TrainingExample]) throws -> Double {
        let starts = Array(stride(from: 0, to: examples.count, by: lossBatch))
        let parts = ParallelMap.map(starts) { start in
            Result { () throws -> (total: Double, count: Int) in
                let batch = try PaddedBatch(Array(examples[start..<min(start + lossBatch, examples.count)]))
                let (mean, skipped) = try model.loss(for: batch)
                let used = batch.count - skipped.count
                return (mean * Double(used), used)
            }
        }
        var total = 0.0, count = 0
        for part in parts {
            guard let (sum, used) = try? part.get() else { continue }
            total += sum
            count += used
        }
        return count > 0 ? total / Double(count) : .infinity
    }
}
