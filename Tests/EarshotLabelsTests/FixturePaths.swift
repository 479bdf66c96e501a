import EarshotTestSupport
import Foundation

/// Paths of the committed fixtures (tests read only `Fixtures/`).
enum FixturePaths {
    static let root = TestFixtures.root
    static let labels = root.appendingPathComponent("labels/labels.tsv").path
    static let manifest = root.appendingPathComponent("labels/manifest.jsonl").path
    static let lexicon = root.appendingPathComponent("labels/lexicon.txt").path

    /// A fresh scratch folder for outputs.
    static func scratch(_ label: String = #function) -> URL {
        (try? ScratchDirectory.make(label)) ?? FileManager.default.temporaryDirectory
    }
}
