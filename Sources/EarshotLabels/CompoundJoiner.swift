/// The hyphenation/spacing rule, which needs the whole clip: a hyphen between two words
/// becomes a space ("voice-mail" → "voice mail"), then adjacent words are joined when some
/// transcript of the same clip writes them as one word ("voice mail" → "voicemail" when an
/// annotator wrote "voicemail"). Nothing is joined that no annotator wrote joined, so
/// "twenty-one" stays "twenty one" and ordinary word pairs are untouched.
enum CompoundJoiner {
    struct Outcome {
        var transcripts: [[String]]
        /// Per transcript: whether the rule changed it (the transcript wrote a compound
        /// hyphenated or split where another wrote it joined).
        var changed: [Bool]
    }

    static func join(_ transcripts: [[String]]) -> Outcome {
        var split = transcripts.map(splitHyphens)
        var changed = zip(transcripts, split).map { $0.count != $1.count }
        // One way of writing throughout the clip: nothing to join against.
        if split.dropFirst().allSatisfy({ $0 == split[0] }) { return Outcome(transcripts: split, changed: changed) }
        // Join targets: words of three or more characters that some transcript lacks (a word
        // every transcript writes is not where they differ).
        var presence: [Substring: UInt64] = [:]
        for (k, tokens) in split.enumerated() {
            for token in tokens {
                let core = TokenShape(token).core
                if core.utf8.count >= 3 { presence[core, default: 0] |= 1 << UInt64(min(k, 63)) }
            }
        }
        let everyone: UInt64 = split.count >= 64 ? .max : (1 << UInt64(split.count)) - 1
        let written = Set(presence.filter { $0.value != everyone }.keys)
        guard written.count > 0 else { return Outcome(transcripts: split, changed: changed) }
        for k in split.indices {
            let joined = joinWritten(split[k], written: written)
            if joined.count != split[k].count { changed[k] = true }
            split[k] = joined
        }
        return Outcome(transcripts: split, changed: changed)
    }

    /// "voice-mail," → "voice", "mail,"; only hyphens with a letter or digit on both sides.
    static func splitHyphens(_ tokens: [String]) -> [String] {
        guard tokens.contains(where: { $0.utf8.contains(45) }) else { return tokens }
        var out: [String] = []
        for token in tokens {
            guard token.utf8.contains(45) else { out.append(token); continue }
            let characters = Array(token)
            var current = ""
            for (k, character) in characters.enumerated() {
                let joinsWords = character == "-" && k > 0 && k + 1 < characters.count
                    && (characters[k - 1].isLetter || characters[k - 1].isNumber)
                    && (characters[k + 1].isLetter || characters[k + 1].isNumber)
                if joinsWords {
                    out.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            out.append(current)
        }
        return out
    }

    /// Joins runs of two or three adjacent words whose concatenation is in `written`.
    static func joinWritten(_ tokens: [String], written: Set<Substring>) -> [String] {
        guard tokens.count > 1 else { return tokens }
        let shapes = tokens.map(TokenShape.init)
        var out: [String] = []
        var k = 0
        while k < tokens.count {
            var merged = false
            let first = shapes[k].core
            guard !first.isEmpty, written.contains(where: { $0.utf8.count > first.utf8.count && $0.hasPrefix(first) }) else {
                out.append(tokens[k])
                k += 1
                continue
            }
            for length in [3, 2] where k + length <= tokens.count {
                let window = shapes[k..<(k + length)]
                // Only words with no marks between them: "voice mail" but not "voice, mail".
                let inner = window.indices.allSatisfy { s in
                    (s == k || window[s].leading.isEmpty) && (s == k + length - 1 || window[s].trailing.isEmpty)
                        && !window[s].core.isEmpty
                }
                guard inner else { continue }
                let candidate = window.map { String($0.core) }.joined()
                if written.contains(Substring(candidate)) {
                    out.append(String(shapes[k].leading) + candidate + String(shapes[k + length - 1].trailing))
                    k += length
                    merged = true
                    break
                }
            }
            if !merged {
                out.append(tokens[k])
                k += 1
            }
        }
        return out
    }
}
