/// The header of a TSV or CSV transcript: which columns hold the id, the text and tags.
struct TableHeader {
    let names: [String]
    let idColumn: Int
    let textColumn: Int

    static func parse(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8, role: TranscriptRole) -> Result<TableHeader, MissingColumn> {
        guard let names = fields(line, separator: separator)?.map({ $0.lowercased() }) else {
            return .failure(MissingColumn(name: "id"))
        }
        guard let id = ["id", "utt_id", "audio_filepath"].lazy.compactMap({ names.firstIndex(of: $0) }).first else {
            return .failure(MissingColumn(name: "id"))
        }
        let textNames = role == .hypothesis ? ["pred_text", "text"] : ["text"]
        guard let text = textNames.lazy.compactMap({ names.firstIndex(of: $0) }).first else {
            return .failure(MissingColumn(name: textNames.joined(separator: "' or '")))
        }
        return .success(TableHeader(names: names, idColumn: id, textColumn: text))
    }

    struct MissingColumn: Error { let name: String }

    func row(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8) -> TranscriptReader.LineResult {
        guard let values = Self.fields(line, separator: separator) else {
            return .failure(.init(reason: "unterminated quoted field"))
        }
        guard values.count == names.count else {
            return .failure(.init(reason: "\(values.count) fields, the header has \(names.count)"))
        }
        var tags: [String: String] = [:]
        for (k, name) in names.enumerated() where k != idColumn && k != textColumn
            && !TranscriptReader.nonTagFields.contains(name) && !values[k].isEmpty {
            tags[name] = values[k]
        }
        return .success((values[idColumn], values[textColumn], tags))
    }

    /// Splits a line on `separator`, honouring RFC 4180 double quotes ("" inside quotes is a
    /// quote). Returns nil for an unterminated quote.
    static func fields(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [String]? {
        let quote = UInt8(ascii: "\"")
        var fields: [String] = []
        var current: [UInt8] = []
        var k = 0
        var quoted = false
        while k < line.count {
            let byte = line[k]
            if quoted {
                if byte == quote {
                    if k + 1 < line.count, line[k + 1] == quote { current.append(quote); k += 1 } else { quoted = false }
                } else {
                    current.append(byte)
                }
            } else if byte == quote, current.isEmpty {
                quoted = true
            } else if byte == separator {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
            k += 1
        }
        if quoted { return nil }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}
