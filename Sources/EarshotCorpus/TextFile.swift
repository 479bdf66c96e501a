import Foundation

/// Reading and atomically writing the small text files corpora are made of.
enum TextFile {
    static func read(path: String) throws(CorpusError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else { throw CorpusError.readFailed(path: path, reason: "not UTF-8 text") }
            return text
        } catch let error as CorpusError {
            throw error
        } catch {
            throw .readFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Lines without their terminators (`\n` or `\r\n`); a final newline adds no empty line.
    static func lines(of text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    /// Writes through a temporary file and a rename, so readers never see half a file.
    static func writeAtomically(_ text: String, to path: String) throws(CorpusError) {
        do {
            try createParentDirectory(of: path)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    static func createParentDirectory(of path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    }
}
