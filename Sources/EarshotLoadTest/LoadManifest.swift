import EarshotCore
import Foundation

/// One utterance to replay: its bytes are read once, up front, so disk never shapes latency.
public struct LoadItem: Sendable {
    public var id: String
    public var path: String
    public var text: String?
    public var bytes: [UInt8]

    public init(id: String, path: String, text: String?, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.text = text
        self.bytes = bytes
    }
}

/// Everything that can stop a load test before it starts.
public enum LoadTestError: Error, Sendable, CustomStringConvertible {
    case manifest(path: String, line: Int, reason: String)
    case audio(path: String, reason: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .manifest(let path, let line, let reason): "\(path):\(line): \(reason)"
        case .audio(let path, let reason): "\(path): \(reason)"
        case .invalidOption(let reason): reason
        }
    }
}

/// A JSONL manifest: one object per line with `audio` (a path relative to the manifest), and
/// optional `id` and `text`; the same format the corpus tools write.
public enum LoadManifest {
    public static func read(path: String) throws(LoadTestError) -> [LoadItem] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .manifest(path: path, line: 0, reason: "cannot read the manifest")
        }
        var items: [LoadItem] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                    throw LoadTestError.manifest(path: path, line: index + 1, reason: "not a JSON object")
                }
                object = parsed
            } catch let error as LoadTestError {
                throw error
            } catch {
                throw .manifest(path: path, line: index + 1, reason: "invalid JSON: \(error.localizedDescription)")
            }
            guard let audio = object["audio"] as? String, !audio.isEmpty else {
                throw .manifest(path: path, line: index + 1, reason: "missing string field 'audio'")
            }
            let audioPath = ManifestPath.resolve(audio, manifestPath: path)
            guard let bytes = FileManager.default.contents(atPath: audioPath) else {
                throw .audio(path: audioPath, reason: "cannot read (line \(index + 1) of \(path))")
            }
            items.append(LoadItem(
                id: (object["id"] as? String) ?? audio, path: audioPath, text: object["text"] as? String,
                bytes: Array(bytes)))
        }
        guard !items.isEmpty else { throw .manifest(path: path, line: 0, reason: "no utterances") }
        return items
    }
}

/// Where the load goes: `http://HOST:PORT` (the transcribe path is added) or a full
/// `http://HOST:PORT/PATH`.
public struct LoadTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var path: String

    public init(host: String, port: Int, path: String) {
        self.host = host
        self.port = port
        self.path = path
    }

    public init(url: String) throws(LoadTestError) {
        guard let components = URLComponents(string: url), components.scheme == "http",
              let host = components.host, !host.isEmpty else {
            throw .invalidOption("--url \(url): expected http://HOST:PORT[/PATH] (plain HTTP)")
        }
        self.host = host
        port = components.port ?? 80
        path = components.path.isEmpty || components.path == "/" ? "/v1/transcribe" : components.path
    }
}
