import EarshotAcousticModel
import EarshotDecoder
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

    /// Whether `self` is a better epoch than `other`: lower dev WER, then lower dev loss.
    func isBetter(than other: (wer: Double, loss: Double)) -> Bool {
        (wer, loss) < other
    }

    static func score(bundle: ModelBundle, examples: [TrainingExample], utterances: [LabelledUtterance]) throws -> DevScoring {
        let recognizer = try Recognizer(bundle: bundle)
        let blank = bundle.model.units.blank
        // One forward pass per utterance serves both the search and the loss.
        let outcomes = ParallelMap.map(examples) { example in
            Result { () throws -> (transcript: Transcript, loss: Double?) in
                let posteriors = try recognizer.logPosteriors(features: example.features)
                let loss = try? CTCLoss.loss(logits: posteriors, labels: example.labels, blank: blank)
                return (try recognizer.search(logPosteriors: posteriors), loss)
            }
        }
        var scorer = CorpusScorer()
        var errors = 0, referenceWords = 0
        var result = DevScoring(wer: 0, loss: 0, confidences: [], wordsPerSecond: [])
        var lossSum = 0.0, lossCount = 0
        for (utterance, outcome) in zip(utterances, outcomes) {
            let (hypothesis, loss) = try outcome.get()
            // Utterances too short for their labels (infeasible alignments) have no loss.
            if let loss, loss.isFinite { lossSum += loss; lossCount += 1 }
            let counts = try scorer.score(id: utterance.id, reference: utterance.text, hypothesis: hypothesis.text).counts
            errors += counts.substitutions + counts.deletions + counts.insertions
            referenceWords += counts.hits + counts.substitutions + counts.deletions
            result.confidences.append(hypothesis.confidence)
            result.wordsPerSecond.append(Double(hypothesis.words.count) / max(utterance.seconds, 1e-3))
        }
        result.wer = referenceWords > 0 ? Double(errors) / Double(referenceWords) : 0
        result.loss = lossCount > 0 ? lossSum / Double(lossCount) : .infinity
        return result
    }
}
