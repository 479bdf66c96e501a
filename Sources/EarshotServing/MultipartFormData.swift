/// One part of a `multipart/form-data` body (RFC 7578).
public struct FormPart: Sendable, Equatable {
    /// The form field name from `Content-Disposition`.
    public var name: String
    public var filename: String?
    public var contentType: String?
    public var body: [UInt8]
}

/// A strict, allocation-light `multipart/form-data` parser. Any malformed input throws
/// `ServingError.badRequest`; no input can trap.
public enum MultipartFormData {
    /// The boundary from a `Content-Type` header, or nil when the body is not multipart/form-data.
    public static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingWhitespace() }
        guard let kind = pieces.first, kind.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingWhitespace()
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            return value.isEmpty || value.count > 70 ? nil : String(value)
        }
        return nil
    }

    public static func isMultipart(contentType: String?) -> Bool {
        guard let contentType else { return false }
        return contentType.lowercased().hasPrefix("multipart/")
    }

    /// Splits `body` into its parts.
    public static func parse(_ body: [UInt8], boundary: String) throws(ServingError) -> [FormPart] {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var cursor = find(delimiter, in: body, from: 0) else {
            throw .badRequest("multipart body has no boundary line '--\(boundary)'")
        }
        var parts: [FormPart] = []
        while true {
            cursor += delimiter.count
            // "--" after a delimiter closes the body.
            if hasPrefix([45, 45], in: body, at: cursor) { break }
            guard hasPrefix(crlf, in: body, at: cursor) else { throw .badRequest("multipart boundary line not followed by CRLF") }
            cursor += 2
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: cursor) else {
                throw .badRequest("multipart part has no blank line after its headers")
            }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else {
                throw .badRequest("multipart part is not closed by '--\(boundary)'")
            }
            parts.append(try part(headers: headers, body: Array(body[contentStart..<next])))
            cursor = next + 2
        }
        return parts
    }

    private static func part(headers: String, body: [UInt8]) throws(ServingError) -> FormPart {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw .badRequest("malformed multipart header line '\(line.prefix(80))'") }
            let value = pair[1].trimmingWhitespace()
            switch pair[0].trimmingWhitespace().lowercased() {
            case "content-disposition":
                let parameters = dispositionParameters(value)
                name = parameters["name"]
                filename = parameters["filename"]
            case "content-type":
                contentType = String(value)
            default:
                continue
            }
        }
        guard let name else { throw .badRequest("multipart part has no Content-Disposition name") }
        return FormPart(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// `form-data; name="file"; filename="a.wav"` → ["name": "file", "filename": "a.wav"].
    private static func dispositionParameters(_ value: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var text = pair[1].trimmingWhitespace()
            if text.count >= 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() }
            result[pair[0].trimmingWhitespace().lowercased()] = String(text)
        }
        return result
    }

    private static func hasPrefix(_ prefix: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        guard start >= 0, start + prefix.count <= bytes.count else { return false }
        for i in 0..<prefix.count where bytes[start + i] != prefix[i] { return false }
        return true
    }

    /// First index at or after `start` where `needle` occurs.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, bytes.count >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, hasPrefix(needle, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }
}
