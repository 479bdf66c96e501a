/// Spells digit strings as English words for the `spellDigits` step: cardinals up to
/// 999,999,999,999 ("1200" → "one thousand two hundred"), decimals digit by digit after
/// "point", and strings with a leading zero or longer than twelve digits digit by digit
/// (phone numbers, codes). Digits glued to letters ("mp3") are split off first.
public enum NumberSpeller {
    static let ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                       "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                       "seventeen", "eighteen", "nineteen"]
    static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    static let scales = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")]

    /// Replaces every run of ASCII digits (with an optional ".digits" decimal part and
    /// thousands commas like "1,200") in `text` by words.
    public static func spellNumbers(in text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCII, text[index].isNumber else {
                out.append(text[index])
                index = text.index(after: index)
                continue
            }
            var digits = ""
            var end = index
            while end < text.endIndex {
                let c = text[end]
                if c.isASCII, c.isNumber {
                    digits.append(c)
                } else if c == ",", !digits.isEmpty, isDigitGroup(text, after: end) {
                    // thousands separator: skip it
                } else {
                    break
                }
                end = text.index(after: end)
            }
            var words = spell(digits)
            if end < text.endIndex, text[end] == ".", let fractionEnd = digitRunEnd(text, from: text.index(after: end)) {
                let fraction = text[text.index(after: end)..<fractionEnd]
                words += " point " + fraction.map { ones[Int(String($0)) ?? 0] }.joined(separator: " ")
                end = fractionEnd
            }
            if let last = out.last, !last.isWhitespace { out.append(" ") }
            out += words
            if end < text.endIndex, !text[end].isWhitespace { out.append(" ") }
            index = end
        }
        return out
    }

    /// Words for a string of ASCII digits.
    public static func spell(_ digits: String) -> String {
        guard !digits.isEmpty else { return "" }
        if digits.count > 12 || (digits.count > 1 && digits.first == "0") {
            return digits.map { ones[Int(String($0)) ?? 0] }.joined(separator: " ")
        }
        return cardinal(Int(digits) ?? 0)
    }

    /// English words for 0 ≤ n < 10¹².
    public static func cardinal(_ n: Int) -> String {
        if n < 20 { return ones[max(0, n)] }
        var parts: [String] = []
        var rest = n
        for (scale, name) in scales where rest >= scale {
            parts.append(cardinal(rest / scale) + " " + name)
            rest %= scale
        }
        if rest >= 100 {
            parts.append(ones[rest / 100] + " hundred")
            rest %= 100
        }
        if rest >= 20 {
            parts.append(rest % 10 == 0 ? tens[rest / 10] : tens[rest / 10] + " " + ones[rest % 10])
        } else if rest > 0 {
            parts.append(ones[rest])
        }
        return parts.joined(separator: " ")
    }

    private static func isDigitGroup(_ text: String, after comma: String.Index) -> Bool {
        var i = text.index(after: comma)
        var count = 0
        while i < text.endIndex, text[i].isASCII, text[i].isNumber, count < 4 {
            count += 1
            i = text.index(after: i)
        }
        return count == 3
    }

    private static func digitRunEnd(_ text: String, from start: String.Index) -> String.Index? {
        var i = start
        while i < text.endIndex, text[i].isASCII, text[i].isNumber { i = text.index(after: i) }
        return i == start ? nil : i
    }
}
