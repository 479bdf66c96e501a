import EarshotAcousticModel
import EarshotRecognizer
import EarshotScoring

/// Dev WER of a candidate bundle through the real recognizer, plus its output statistics.
struct DevScoring {
    var wer: Double
    var confidences: [Double]
    var wordsPerSecond: [Double]

    static func score(bundle: ModelBundle, examples: [TrainingExample], utterances: [LabelledUtterance]) throws -> DevScoring {
        let recognizer = try Recognizer(bundle: bundle)
        let transcripts = ParallelMap.map(examples) { example in
            Result { () throws in
                try recognizer.decode(features: try FeatureMatrixBridge.featureMatrix(example.features))
            }
        }
        var scorer = CorpusScorer()
        var errors = 0, referenceWords = 0
        var result = DevScoring(wer: 0, confidences: [], wordsPerSecond: [])
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
}
