import EarshotDecoder
import EarshotMonitoring
import EarshotRecognizer
import EarshotText
import Foundation

/// Gives a trained model a new vocabulary and language model without touching its acoustic
/// model: a character model spells any word, so new words need only a lexicon entry and LM mass.
public enum LanguageSwap {
    /// The LM trained on `sentences` (one per element; with `order` as n) and a lexicon of their words.
    public static func fromText(_ bundle: ModelBundle, sentences: [String], order: Int?, source: String) throws -> ModelBundle {
        let tokenized = sentences.map { TextNormalizer.training.words($0) }.filter { !$0.isEmpty }
        guard !tokenized.isEmpty else { throw TrainingError.language(source: source, reason: "no sentences") }
        let order = order ?? bundle.languageModel?.order ?? 3
        guard (1...6).contains(order) else { throw TrainingError.invalidConfiguration(field: "order", reason: "\(order) is not in 1...6") }
        let (lexicon, languageModel) = try LanguageResources.build(sentences: tokenized, vocabulary: [], order: order)
        return try replacing(bundle, lexicon: lexicon, languageModel: languageModel, source: source)
    }

    /// An ARPA model as is; the lexicon spells its vocabulary (without <s>, </s>, <unk>).
    public static func fromARPA(_ bundle: ModelBundle, arpa: String, source: String) throws -> ModelBundle {
        let languageModel: NGramLanguageModel
        do {
            languageModel = try NGramLanguageModel.parseARPA(arpa, source: source)
        } catch {
            throw TrainingError.language(source: source, reason: error.description)
        }
        let markers: Set = [NGramLanguageModel.sentenceStart, NGramLanguageModel.sentenceEnd, NGramLanguageModel.unknown]
        let words = languageModel.vocabulary.filter { !markers.contains($0) }
        guard !words.isEmpty else { throw TrainingError.language(source: source, reason: "the model has no words") }
        return try replacing(bundle, lexicon: Lexicon.spelling(words), languageModel: languageModel, source: source)
    }

    private static func replacing(_ bundle: ModelBundle, lexicon: Lexicon, languageModel: NGramLanguageModel, source: String) throws -> ModelBundle {
        var swapped = bundle
        swapped.lexicon = lexicon
        swapped.languageModel = languageModel
        // The dev WER and the output statistics (confidence, words per second) were measured
        // with the old vocabulary; drift monitoring must not compare the new one against them.
        swapped.metadata.evaluation["dev_wer"] = nil
        swapped.metadata.referenceStatistics[MonitoredMetric.confidence.rawValue] = nil
        swapped.metadata.referenceStatistics[MonitoredMetric.wordsPerSecond.rawValue] = nil
        do {
            try swapped.validate()
        } catch {
            // E.g. a word with a character the network has no unit for.
            throw TrainingError.language(source: source, reason: "\(error)")
        }
        return swapped
    }
}
