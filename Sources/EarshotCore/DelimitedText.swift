/// Splits delimited text (CSV per RFC 4180, or plain TSV) into rows of fields, working on
/// UTF-8 bytes so that a million-row file is split without per-character `String` work. The one
/// tokenizer for the project's CSV and TSV inputs (manifests, label sets) and the one quoting
/// rule for what it writes.
public enum DelimitedText {
    public struct Row: Sendable, Equatable {
        public var fields: [String]
        /// The line the row starts on (1-based).
        public var line: Int
    }

    /// Rows of `bytes`. CSV fields may be quoted (`"a, ""b"""`, newlines inside quotes);
    /// TSV fields are taken as written. Empty lines are skipped; a trailing `\r` is dropped.
    public static func rows(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, quoted: Bool) throws(DelimitedError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var k = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while k < bytes.count {
            let byte = bytes[k]
            if inQuotes {
                if byte == 34 {
                    if k + 1 < bytes.count, bytes[k + 1] == 34 {
                        field.append(34)
                        k += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
            } else if byte == separator {
                endField()
            } else if byte == 10 || byte == 13 {
                if byte == 13, k + 1 < bytes.count, bytes[k + 1] == 10 { k += 1 }
                if !(fields.isEmpty && field.isEmpty && !fieldWasQuoted) {
                    endField()
                    rows.append(Row(fields: fields, line: rowLine))
                    fields.removeAll(keepingCapacity: true)
                }
                line += 1
                rowLine = line
            } else if quoted, byte == 34, field.isEmpty, !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else {
                field.append(byte)
            }
            k += 1
        }
        if inQuotes { throw DelimitedError(line: rowLine, reason: "quoted field is not closed") }
        if !(fields.isEmpty && field.isEmpty && !fieldWasQuoted) {
            endField()
            rows.append(Row(fields: fields, line: rowLine))
        }
        return rows
    }

    /// Rows of a string (see the byte form).
    public static func rows(_ text: String, separator: UInt8, quoted: Bool) throws(DelimitedError) -> [Row] {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(DelimitedError) in try rows(bytes, separator: separator, quoted: quoted) }
        }
        return try result.get()
    }

    /// One field quoted for CSV when it holds a comma, quote or line break.
    public static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}

/// Where delimited text stops making sense, and why.
public struct DelimitedError: Error, Sendable, Equatable {
    public var line: Int
    public var reason: String
}
