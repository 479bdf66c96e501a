import Foundation

/// Opt-in (`--store-audio DIR`) keeping of raw request audio, one file per request item named
/// by request id. Off by default: audio is the most personal thing the server sees.
public struct AudioStore: Sendable {
    public let directory: String

    public init(directory: String) throws(PersistenceError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .storeFailed(path: directory, store: "audio store", reason: error.localizedDescription)
        }
        self.directory = directory
    }

    /// Writes `bytes` atomically and returns the path, or nil when the write failed (the
    /// request is still answered; the failure is the caller's to log).
    public func store(_ bytes: [UInt8], requestID: String, item: Int, filename: String?) -> String? {
        let path = path(requestID: requestID, item: item, filename: filename)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            return path
        } catch {
            return nil
        }
    }

    /// Where `store` keeps a request item's audio.
    public func path(requestID: String, item: Int, filename: String?) -> String {
        (directory as NSString).appendingPathComponent("\(requestID)-\(item).\(Self.safeExtension(filename))")
    }

    /// The kept audio of a request item, when it was stored.
    public func stored(requestID: String, item: Int, filename: String?) -> String? {
        let path = path(requestID: requestID, item: item, filename: filename)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The upload's extension when it is short and alphanumeric (never a path), else "audio".
    public static func safeExtension(_ filename: String?) -> String {
        guard let filename, let dot = filename.lastIndex(of: ".") else { return "audio" }
        let ext = filename[filename.index(after: dot)...].lowercased()
        let ok = (1...5).contains(ext.count) && ext.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return ok ? ext : "audio"
    }
}
