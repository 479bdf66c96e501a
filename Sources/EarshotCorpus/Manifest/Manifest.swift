import EarshotCore
import Foundation

/// A corpus listing: one `ManifestEntry` per utterance, stored as JSON Lines (one object a
/// line), the native format of every Earshot corpus command.
public struct Manifest: Sendable, Equatable {
    public var entries: [ManifestEntry]

    public init(entries: [ManifestEntry] = []) {
        self.entries = entries
    }

    /// Total seconds of audio.
    public var totalDuration: Double { entries.reduce(0) { $0 + $1.duration } }

    /// Distinct speakers, sorted.
    public var speakers: [String] { Set(entries.map(\.speaker)).sorted() }

    /// Reads a JSONL manifest. Blank lines and lines starting with `#` are skipped.
    public static func read(path: String) throws(CorpusError) -> Manifest {
        try decode(jsonl: TextFile.read(path: path), source: path)
    }

    /// Parses JSONL text; `source` names the input in error messages.
    public static func decode(jsonl: String, source: String) throws(CorpusError) -> Manifest {
        let decoder = JSONDecoder()
        var entries: [ManifestEntry] = []
        for (index, line) in TextFile.lines(of: jsonl).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let entry: ManifestEntry
            do {
                entry = try decoder.decode(ManifestEntry.self, from: Data(trimmed.utf8))
            } catch {
                throw .malformedLine(file: source, line: index + 1, reason: Self.explain(error))
            }
            if let problem = entry.problem() { throw .malformedLine(file: source, line: index + 1, reason: problem) }
            entries.append(entry)
        }
        let manifest = Manifest(entries: entries)
        try manifest.validateUniqueIDs(source: source)
        return manifest
    }

    /// The manifest as JSONL text, keys sorted so that equal manifests are equal bytes.
    public func encodedJSONL() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return entries.map { entry in
            // Encoding a struct of strings, a double and a dictionary cannot fail.
            let data = (try? encoder.encode(entry)) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }.joined()
    }

    /// Writes the manifest atomically (temporary file, then rename).
    public func write(to path: String) throws(CorpusError) {
        try validateUniqueIDs(source: path)
        try TextFile.writeAtomically(encodedJSONL(), to: path)
    }

    /// Throws if two entries share an id.
    public func validateUniqueIDs(source: String) throws(CorpusError) {
        var seen = Set<String>()
        for entry in entries where !seen.insert(entry.id).inserted {
            throw .invalidFile(file: source, reason: "utterance id \"\(entry.id)\" appears more than once")
        }
    }

    /// The absolute path of an entry's audio for a manifest stored at `manifestPath`.
    public static func audioPath(of entry: ManifestEntry, manifestPath: String) -> String {
        ManifestPath.resolve(entry.audio, manifestPath: manifestPath)
    }

    /// The folder holding a file, absolute.
    public static func directory(of path: String) -> String {
        ManifestPath.directory(of: path)
    }

    /// `path` made absolute against the folder `base` unless it already is.
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        ManifestPath.resolve(path, inDirectory: base)
    }

    /// `path` written relative to the folder `base` (with `..` where needed) when the two share
    /// a top-level folder, else absolute: a corpus tree can then move as a whole.
    public static func relativePath(_ path: String, from base: String) -> String {
        let here = FileManager.default.currentDirectoryPath
        let target = URL(fileURLWithPath: resolve(path, relativeTo: here)).pathComponents
        let origin = URL(fileURLWithPath: resolve(base, relativeTo: here)).pathComponents
        var common = 0
        while common < min(target.count, origin.count) && target[common] == origin[common] { common += 1 }
        guard common > 1 else { return target.joined(separator: "/").replacingOccurrences(of: "//", with: "/") }
        let ups = Array(repeating: "..", count: origin.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }

    private static func explain(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
        case .dataCorrupted(let context): "not a JSON object: \(context.debugDescription)"
        default: "not a JSON object: \(error.localizedDescription)"
        }
    }
}

extension Manifest {
    /// The same manifest with audio paths rewritten for a manifest saved at `newPath`, when it
    /// was read from (or belongs at) `oldPath`.
    public func rebased(from oldPath: String, to newPath: String) -> Manifest {
        let newDirectory = Self.directory(of: newPath)
        return Manifest(entries: entries.map { entry in
            var moved = entry
            moved.audio = Self.relativePath(Self.audioPath(of: entry, manifestPath: oldPath), from: newDirectory)
            return moved
        })
    }
}
