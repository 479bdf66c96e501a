import Foundation

/// The committed fixtures (tests read only `Fixtures/`, never `../shared`), found from this
/// file's place in the repository so tests run from any working directory.
public enum TestFixtures {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The path of `relative` under `Fixtures/`.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// Fresh, empty folders for a test's outputs, under the system's temporary directory and named
/// after the test, so a failed run's leftovers say where they came from.
public enum ScratchDirectory {
    public static func make(_ label: String = #function) throws -> URL {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
