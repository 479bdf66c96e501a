import Foundation

extension Grammar {
    /// File name of the voice-search grammar shipped as a resource of this module.
    public static let bundledFileName = "voice-search.grammar"

    /// The voice-search grammar shipped with Earshot (Sources/EarshotCorpus/Resources).
    public static func voiceSearch() throws(CorpusError) -> Grammar {
        try Grammar(path: bundledPath())
    }

    /// Finds the resource next to the executable (SwiftPM's resource bundle), falling back to
    /// the source tree; looked up by hand so that a missing bundle is an error, not a trap.
    public static func bundledPath() throws(CorpusError) -> String {
        let executableFolder = Bundle.main.executableURL?.deletingLastPathComponent()
        let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            executableFolder?.appendingPathComponent("Earshot_EarshotCorpus.resources/\(bundledFileName)"),
            executableFolder?.appendingPathComponent("Earshot_EarshotCorpus.resources/Resources/\(bundledFileName)"),
            sourceFolder.appendingPathComponent("Resources/\(bundledFileName)"),
        ].compactMap { $0?.path }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .fileNotFound(path: candidates.first ?? bundledFileName)
        }
        return found
    }
}
