/// Punctuation removal that keeps word-internal apostrophes ("o'clock", "john's") and
/// word-internal hyphens become spaces ("well-known" → "well known").
enum Punctuation {
    static func strip(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (k, scalar) in scalars.enumerated() {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.isWhitespace {
                out.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                let before = k > 0 && scalars[k - 1].properties.isAlphabetic
                let after = k + 1 < scalars.count && scalars[k + 1].properties.isAlphabetic
                out.append(before && after ? "'" : " ")
            } else {
                out.append(" ")
            }
        }
        return String(out)
    }
}
