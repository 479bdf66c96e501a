import Foundation

/// JSON Lines input: one object per non-empty line. Values are flattened to strings so that
/// any extra field can serve as a tag; a `tags` field may be an object or a list of `key=value`.
enum JSONLines {
    static func objects(in data: Data, path: String, problems: inout [LabelsError]) -> [(line: Int, object: [String: Any])] {
        var result: [(Int, [String: Any])] = []
        var line = 0
        var start = data.startIndex
        while start < data.endIndex {
            line += 1
            let end = data[start...].firstIndex(of: 10) ?? data.endIndex
            let slice = data[start..<end]
            start = end < data.endIndex ? data.index(after: end) : end
            guard slice.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { continue }
            do {
                guard let object = try JSONSerialization.jsonObject(with: slice) as? [String: Any] else {
                    problems.append(.malformedLine(path: path, line: line, reason: "not a JSON object"))
                    continue
                }
                result.append((line, object))
            } catch {
                problems.append(.malformedLine(path: path, line: line, reason: "invalid JSON"))
            }
        }
        return result
    }

    /// The object's fields as strings; a nested `tags` object or `key=value` list is merged in.
    static func flatten(_ object: [String: Any]) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in object {
            if key == "tags" {
                if let nested = value as? [String: Any] {
                    for (tag, tagValue) in nested { if let text = string(tagValue) { fields[tag] = text } }
                    continue
                }
                if let list = value as? [Any] {
                    for item in list {
                        guard let text = string(item), !text.isEmpty, !text.hasPrefix("=") else { continue }
                        if let equals = text.firstIndex(of: "=") {
                            fields[String(text[..<equals])] = String(text[text.index(after: equals)...])
                        } else {
                            fields[text] = "true"  // a bare tag: `kids`
                        }
                    }
                    continue
                }
            }
            if let text = string(value) { fields[key] = text }
        }
        return fields
    }

    static func string(_ value: Any) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber:
            // JSON booleans arrive as NSNumber with Objective-C type "c" (char).
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default: return nil
        }
    }
}

extension JSONLines {
    /// One line of JSON for a flat object of strings, keys sorted.
    static func encode(_ object: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
