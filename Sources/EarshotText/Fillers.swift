/// Hesitation words dropped by the `removeFillers` step.
enum Fillers {
    static let words: Set<Substring> = ["um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "hm", "mm", "mhm", "eh", "huh"]

    static func isFiller(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= 4, let first = word.first else { return false }
        switch first {
        case UInt8(ascii: "u"), UInt8(ascii: "e"), UInt8(ascii: "h"), UInt8(ascii: "a"), UInt8(ascii: "m"): break
        default: return false
        }
        return words.contains(Substring(String(decoding: word, as: UTF8.self)))
    }

    static func remove(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace)
            .filter { !words.contains($0) }
            .joined(separator: " ")
    }
}
