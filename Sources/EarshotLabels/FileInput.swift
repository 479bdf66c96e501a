import Foundation

/// Reading whole input files and writing outputs atomically, with `LabelsError` messages.
enum FileInput {
    static func contents(of path: String) throws(LabelsError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes `text` through a temporary file and a rename; refuses to replace any of `inputs`.
    static func writeAtomically(_ text: String, to path: String, inputs: [String] = []) throws(LabelsError) {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == target {
            throw .writeFailed(path: path, reason: "it is an input file; outputs never replace inputs")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
