import Foundation

/// Human-level WER per slice, the target each slice's WER is compared with. Keys are
/// `tag=value` (e.g. `noise=car`) and values are WERs as fractions (0.05 = 5%). Written by
/// `earshot audit` or by hand, in either of two formats:
///
/// - JSON: one object, `{"noise=car": 0.062, "bandwidth=8k": 0.08}`;
/// - TSV: lines `tag=value<TAB>hlp_wer`, blank lines and `#` comments ignored, an optional
///   header line `slice<TAB>hlp_wer`.
public struct HumanLevelTable: Sendable, Hashable, Codable {
    public var wer: [String: Double]

    public init(wer: [String: Double]) { self.wer = wer }

    public subscript(tag: String, value: String) -> Double? { wer["\(tag)=\(value)"] }

    public static func read(path: String) throws -> HumanLevelTable {
        try parse(readText(path), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> HumanLevelTable {
        if text.first(where: { !$0.isWhitespace }) == "{" {
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            } catch {
                throw ScoringError.invalidValue(path: path, line: 1, reason: "invalid JSON: \(error.localizedDescription)")
            }
            guard let dictionary = object as? [String: Any] else {
                throw ScoringError.invalidValue(path: path, line: 1, reason: "expected an object of \"tag=value\": wer")
            }
            var table: [String: Double] = [:]
            for (key, value) in dictionary {
                guard key.contains("="), let number = (value as? NSNumber)?.doubleValue, number >= 0 else {
                    throw ScoringError.invalidValue(path: path, line: 1, reason: "'\(key)' must be tag=value with a WER ≥ 0")
                }
                table[key] = number
            }
            return HumanLevelTable(wer: table)
        }
        var table: [String: Double] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || (number == 0 && trimmed.hasPrefix("slice")) { continue }
            let fields = trimmed.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count == 2, fields[0].contains("="), let value = Double(fields[1]), value >= 0 else {
                throw ScoringError.invalidValue(path: path, line: number + 1, reason: "expected 'tag=value<TAB>hlp_wer' with a WER ≥ 0")
            }
            table[String(fields[0])] = value
        }
        return HumanLevelTable(wer: table)
    }
}
