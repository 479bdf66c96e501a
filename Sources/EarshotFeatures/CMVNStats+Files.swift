import Foundation

extension CMVNStats {
    /// Writes JSON for a `.json` path, otherwise Kaldi's text matrix
    /// (`[ sums… count` / `sums-of-squares… 0 ]`), atomically.
    public func save(to path: String) throws(FeatureError) {
        let data: Data
        if path.lowercased().hasSuffix(".json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            do { data = try encoder.encode(self) } catch { throw .writeFailed(path: path, reason: "\(error)") }
        } else {
            data = Data(kaldiText.utf8)
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads statistics saved by `save`: JSON or Kaldi's text matrix.
    public static func load(path: String) throws(FeatureError) -> CMVNStats {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .malformedFile(source: path, reason: "cannot read CMVN statistics")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.drop(while: \.isWhitespace).first == "[" { return try parseKaldiText(text, source: path) }
        let stats: CMVNStats
        do { stats = try JSONDecoder().decode(CMVNStats.self, from: data) } catch {
            throw .malformedFile(source: path, reason: "not CMVN statistics JSON: \(error)")
        }
        guard stats.sum.count == stats.dimension, stats.sumOfSquares.count == stats.dimension, stats.count >= 0 else {
            throw .malformedFile(source: path, reason: "sum and sum_of_squares must have `dimension` values each")
        }
        return stats
    }

    /// Kaldi's 2 × (dimension + 1) text matrix.
    public var kaldiText: String {
        func line(_ values: [Double]) -> String { values.map { String($0) }.joined(separator: " ") }
        return " [\n  \(line(sum + [count]))\n  \(line(sumOfSquares + [0])) ]\n"
    }

    static func parseKaldiText(_ text: String, source: String) throws(FeatureError) -> CMVNStats {
        let body = text.replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: " ")
        let rows = body.split(separator: "\n").map { $0.split(separator: " ") }.filter { !$0.isEmpty }
        let numbers = rows.map { $0.compactMap { Double($0) } }
        guard numbers.count == 2, numbers[0].count == numbers[1].count, numbers[0].count >= 2,
              zip(rows, numbers).allSatisfy({ $0.count == $1.count }) else {
            throw .malformedFile(source: source, reason: "not a 2-row Kaldi CMVN statistics matrix")
        }
        var stats = CMVNStats(dimension: numbers[0].count - 1)
        stats.sum = Array(numbers[0].dropLast())
        stats.sumOfSquares = Array(numbers[1].dropLast())
        stats.count = numbers[0].last!
        guard stats.count >= 0 else { throw .malformedFile(source: source, reason: "negative frame count") }
        return stats
    }
}
