#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The one rule for where a manifest row's `audio` is: an absolute path stands as written;
/// a relative one is taken from the manifest's folder (the current directory's, when the
/// manifest path is itself relative). Results are absolute, with `.` and `..` resolved
/// lexically, so the same file always has the same name in reports and logs. Every reader of
/// manifests (corpus, labels, load test, probes, scoring) resolves through here.
public enum ManifestPath {
    /// Where `audio`, as written in the manifest at `manifestPath`, is.
    public static func resolve(_ audio: String, manifestPath: String) -> String {
        resolve(audio, inDirectory: directory(of: manifestPath))
    }

    /// `path` as written relative to the folder `directory` (absolute paths stand as written).
    public static func resolve(_ path: String, inDirectory directory: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        return normalized(absolute(directory) + "/" + path)
    }

    /// The folder holding `path` (absolute).
    public static func directory(of path: String) -> String {
        let full = normalized(absolute(path))
        guard let slash = full.lastIndex(of: "/"), slash != full.startIndex else { return "/" }
        return String(full[..<slash])
    }

    /// `path` against the current directory unless it is absolute.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" + path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cwd + "/" + path
    }

    /// An absolute path with empty, `.` and `..` components resolved (`..` at the root stays at the root).
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
