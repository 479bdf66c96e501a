import EarshotText
import Foundation

/// Reads transcript files of every `TranscriptFormat` into `TranscriptFile`s. Works on the
/// raw UTF-8 bytes line by line (no per-character String processing), so large files read
/// at disk speed. Malformed and duplicate lines are skipped and recorded as problems.
public enum TranscriptReader {
    /// Fields of a manifest that identify or describe the audio rather than tag it.
    static let nonTagFields: Set<String> = ["id", "utt_id", "text", "pred_text", "audio", "audio_filepath", "duration", "offset"]
    /// A hypothesis's utterance confidence (`earshot transcribe --out` writes it) travels as this
    /// tag to the calibration report; it never makes a slice.
    public static let confidenceTag = "confidence"

    public static func read(path: String, format: TranscriptFormat? = nil, role: TranscriptRole) throws -> TranscriptFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScoringError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return parse(data, path: path, format: format ?? .detect(path: path), role: role)
    }

    public static func parse(_ data: Data, path: String, format: TranscriptFormat, role: TranscriptRole) -> TranscriptFile {
        var builder = Builder(path: path)
        var header: TableHeader?
        var headerProblem = false
        forEachLine(data) { number, line in
            switch format {
            case .kaldi: builder.add(parseKaldi(line), line: number)
            case .trn: builder.add(parseTrn(line), line: number)
            case .jsonl: builder.add(parseJSON(line, role: role), line: number)
            case .tsv, .csv:
                let separator: UInt8 = format == .tsv ? 9 : 44
                if let header {
                    builder.add(header.row(line, separator: separator), line: number)
                } else if !headerProblem {
                    switch TableHeader.parse(line, separator: separator, role: role) {
                    case .success(let parsed): header = parsed
                    case .failure(let column):
                        builder.problems.append(.missingColumn(path: path, column: column.name))
                        headerProblem = true
                    }
                }
            }
        }
        return TranscriptFile(path: path, format: format, entries: builder.entries, index: builder.index, problems: builder.problems)
    }

    /// Calls `body` with the 1-based number and bytes of every non-blank line (CR stripped).
    static func forEachLine(_ data: Data, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0, number = 0
            guard let base = bytes.baseAddress else { return }
            while start < bytes.count {
                // memchr finds the newline many bytes at a time.
                let found = memchr(base + start, 10, bytes.count - start)
                let end = found.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                number += 1
                var last = end
                if last > start, bytes[last - 1] == 13 { last -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<last])
                if line.contains(where: { !isSpace($0) }) { body(number, line) }
                start = end + 1
            }
        }
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 12 || byte == 11 }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The result of parsing one line: an entry or the reason it is malformed.
    typealias LineResult = Result<(id: String, text: String, tags: [String: String]), LineError>
    struct LineError: Error { let reason: String }

    static func parseKaldi(_ line: UnsafeBufferPointer<UInt8>) -> LineResult {
        var start = 0
        while start < line.count, isSpace(line[start]) { start += 1 }
        var end = start
        while end < line.count, !isSpace(line[end]) { end += 1 }
        let id = string(UnsafeBufferPointer(rebasing: line[start..<end]))
        var text = end
        while text < line.count, isSpace(line[text]) { text += 1 }
        return .success((id, string(UnsafeBufferPointer(rebasing: line[text...])), [:]))
    }

    static func parseTrn(_ line: UnsafeBufferPointer<UInt8>) -> LineResult {
        var end = line.count
        while end > 0, isSpace(line[end - 1]) { end -= 1 }
        guard end > 0, line[end - 1] == UInt8(ascii: ")"),
              let open = line[..<(end - 1)].lastIndex(of: UInt8(ascii: "(")) else {
            return .failure(LineError(reason: "a trn line must end with '(utterance-id)'"))
        }
        let id = string(UnsafeBufferPointer(rebasing: line[(open + 1)..<(end - 1)]))
        guard !id.isEmpty, !id.contains(where: \.isWhitespace) else {
            return .failure(LineError(reason: "empty or spaced utterance id in '(...)'"))
        }
        return .success((id, string(UnsafeBufferPointer(rebasing: line[..<open])), [:]))
    }

    static func parseJSON(_ line: UnsafeBufferPointer<UInt8>, role: TranscriptRole) -> LineResult {
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: line)) as? [String: Any] else {
            return .failure(LineError(reason: "not a JSON object"))
        }
        guard let id = ["id", "utt_id", "audio_filepath"].lazy.compactMap({ scalar(object[$0]) }).first else {
            return .failure(LineError(reason: "no 'id', 'utt_id' or 'audio_filepath' field"))
        }
        let fields = role == .hypothesis ? ["pred_text", "text"] : ["text"]
        guard let text = fields.lazy.compactMap({ object[$0] as? String }).first else {
            return .failure(LineError(reason: "no string '\(fields.joined(separator: "' or '"))' field"))
        }
        var tags: [String: String] = [:]
        for (key, value) in object where !nonTagFields.contains(key) {
            if let value = scalar(value) { tags[key] = value }
        }
        return .success((id, text, tags))
    }

    /// A JSON string, number or boolean as text.
    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let s as String: s
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }

    /// Collects entries, rejecting duplicate ids.
    struct Builder {
        let path: String
        var entries: [TranscriptEntry] = []
        var problems: [ScoringError] = []
        /// Ids interned in entry order: an id's number is its entry's position.
        var index = WordInterner()

        init(path: String) { self.path = path }

        mutating func add(_ result: LineResult, line: Int) {
            switch result {
            case .failure(let error):
                problems.append(.malformedLine(path: path, line: line, reason: error.reason))
            case .success(let parsed):
                guard !parsed.id.isEmpty else {
                    problems.append(.malformedLine(path: path, line: line, reason: "empty utterance id"))
                    return
                }
                let position = Int(index.id(for: parsed.id))
                if position < entries.count {
                    problems.append(.duplicateID(path: path, id: parsed.id, line: line, firstLine: entries[position].line))
                    return
                }
                entries.append(TranscriptEntry(id: parsed.id, text: parsed.text, line: line, tags: parsed.tags))
            }
        }
    }
}
