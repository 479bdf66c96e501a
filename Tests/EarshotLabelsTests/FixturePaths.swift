import Foundation

/// Paths of the committed fixtures (tests read only `Fixtures/`).
enum FixturePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let labels = root.appendingPathComponent("labels/labels.tsv").path
    static let manifest = root.appendingPathComponent("labels/manifest.jsonl").path
    static let lexicon = root.appendingPathComponent("labels/lexicon.txt").path

    /// A fresh scratch folder for outputs.
    static func scratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-labels-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
