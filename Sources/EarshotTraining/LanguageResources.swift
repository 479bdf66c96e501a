import EarshotDecoder
import EarshotText

/// The lexicon (every word spelled in characters) and the word n-gram LM of a character model.
public enum LanguageResources {
    /// Words of the training sentences plus `vocabulary`; the LM is trained on the sentences,
    /// with each vocabulary word also as a one-word sentence so that no lexicon word is left
    /// without LM probability.
    public static func build(sentences: [[String]], vocabulary: [String], order: Int) throws -> (Lexicon, NGramLanguageModel) {
        let extra = vocabulary.flatMap { TextNormalizer.training.words($0) }
        let words = Set(sentences.joined()).union(extra)
        let lexicon = Lexicon.spelling(words.sorted())
        let corpus = sentences + Set(extra).sorted().map { [$0] }
        do {
            return (lexicon, try NGramLanguageModel.train(sentences: corpus, order: order))
        } catch {
            throw TrainingError.training(reason: "language model: \(error.description)")
        }
    }
}
