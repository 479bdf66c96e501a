/// One input of a batch that failed, and why; batches carry on past it.
public struct ItemFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The utterance id or file the failure concerns.
    public var item: String
    public var error: CorpusError

    public init(item: String, error: CorpusError) {
        self.item = item
        self.error = error
    }

    public var description: String { "\(item): \(error.description)" }
}

/// What a batch produced: the manifest of everything that worked and each failure.
public struct BatchResult: Sendable, Equatable {
    public var manifest: Manifest
    public var failures: [ItemFailure]

    public init(manifest: Manifest, failures: [ItemFailure]) {
        self.manifest = manifest
        self.failures = failures
    }
}
