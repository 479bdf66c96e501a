import Foundation
import Logging
import Synchronization

/// A swift-log handler writing one JSON object per line: `ts`, `level`, `label`, `message` and
/// the metadata as fields (numbers and booleans stay typed), so logs can be shipped and queried
/// without parsing free text.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: LogSink

    public init(label: String, sink: LogSink = .standardError) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        if let error = event.error { fields["error"] = .string("\(error)") }
        var json = "{\"ts\":\(Self.quoted(Self.timestamp())),\"level\":\(Self.quoted(event.level.rawValue))"
        json += ",\"label\":\(Self.quoted(label)),\"message\":\(Self.quoted(event.message.description))"
        for key in fields.keys.sorted() where !["ts", "level", "label", "message"].contains(key) {
            if let value = fields[key] { json += ",\(Self.quoted(key)):\(Self.render(value))" }
        }
        sink.write(json + "}\n")
    }

    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let flag as Bool: return flag ? "true" : "false"
            case let number as any BinaryInteger: return "\(number)"
            case let number as Double where number.isFinite: return "\(number)"
            case let number as Float where number.isFinite: return "\(number)"
            default: return quoted(convertible.description)
            }
        case .array(let values): return "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let entries):
            return "{" + entries.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(render($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal for `text`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// Where JSON log lines go: a file descriptor written whole-line under a lock (lines from
/// concurrent requests never interleave), or a closure (tests).
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void

    public init(_ writeLine: @escaping @Sendable (String) -> Void) { self.writeLine = writeLine }

    public static let standardError = LogSink.fileHandle(.standardError)
    public static let standardOutput = LogSink.fileHandle(.standardOutput)

    static func fileHandle(_ handle: FileHandle) -> LogSink {
        let lock = Mutex(())
        // FileHandle writes go straight to the descriptor: nothing is buffered, so nothing is
        // lost at exit.
        return LogSink { line in lock.withLock { _ in handle.write(Data(line.utf8)) } }
    }

    func write(_ line: String) { writeLine(line) }
}
