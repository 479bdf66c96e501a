import EarshotMonitoring
import EarshotRecognizer

extension PipelineRecognizer {
    /// The bundle's reference statistics as drift-monitor distributions (empty when the bundle
    /// carries none).
    public func referenceDistributions() throws(ServingError) -> [String: ReferenceDistribution] {
        try DriftReference.distributions(recognizer.bundle.metadata.referenceStatistics, source: "model \(recognizer.name)")
    }

    /// The bundle's lexicon words, for the out-of-vocabulary share; nil without a lexicon.
    public var vocabulary: Set<String>? {
        recognizer.bundle.lexicon.map { Set($0.pronunciations.keys.map { $0.lowercased() }) }
    }
}
