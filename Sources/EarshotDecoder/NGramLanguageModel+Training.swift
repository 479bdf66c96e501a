import Foundation

extension NGramLanguageModel {
    /// Trains an interpolated Kneser–Ney model (Chen & Goodman's formulation with one discount per
    /// order, D = n1 / (n1 + 2 n2)) and stores it in backoff form: the ARPA probability of a seen
    /// n-gram is its interpolated probability, and a history's backoff weight is the mass its
    /// discounts freed. Lower orders count distinct left contexts instead of occurrences, except for
    /// n-grams that begin the sentence, which have no left context.
    public static func train(sentences: [[String]], order: Int = 3) throws(DecoderError) -> NGramLanguageModel {
        guard (1...6).contains(order) else { throw .invalidInput("n-gram order must be 1 to 6, not \(order)") }
        var vocabulary = [sentenceStart, sentenceEnd, unknown]
        var ids: [String: Int32] = [sentenceStart: 0, sentenceEnd: 1, unknown: 2]
        for sentence in sentences {
            for word in sentence where ids[word] == nil {
                ids[word] = Int32(vocabulary.count)
                vocabulary.append(word)
            }
        }
        let start: Int32 = 0

        // Raw counts of every order, of n-grams ending at each position after <s>.
        var raw = [[[Int32]: Int]](repeating: [:], count: order)
        for sentence in sentences {
            let tokens = [start] + sentence.map { ids[$0]! } + [Int32(1)]
            for end in 1..<tokens.count {
                for length in 1...order where end - length + 1 >= 0 {
                    raw[length - 1][Array(tokens[(end - length + 1)...end]), default: 0] += 1
                }
            }
        }

        // Adjusted counts: continuation counts below the top order.
        var adjusted = raw
        if order > 1 {
            for length in 1..<order {
                var continuation: [[Int32]: Int] = [:]
                for gram in raw[length].keys { continuation[Array(gram.dropFirst()), default: 0] += 1 }
                for gram in raw[length - 1].keys where gram.first != start {
                    adjusted[length - 1][gram] = continuation[gram] ?? raw[length - 1][gram]!
                }
            }
        }

        var tables = [[[Int32]: Entry]](repeating: [:], count: order)
        for length in 1...order {
            let counts = adjusted[length - 1]
            let discount = Self.discount(for: counts.values)
            // Totals and numbers of distinct followers per history.
            var totals: [[Int32]: (sum: Int, types: Int)] = [:]
            for (gram, count) in counts {
                let history = Array(gram.dropLast())
                totals[history, default: (0, 0)].sum += count
                totals[history, default: (0, 0)].types += 1
            }
            let lower = NGramLanguageModel(order: max(length - 1, 1), vocabulary: vocabulary, tables: Array(tables.prefix(max(length - 1, 1))))
            var table: [[Int32]: Entry] = [:]
            if length == 1 {
                // Unigrams interpolate with a uniform distribution over every predictable word,
                // which gives <unk> its share.
                let total = totals[[]] ?? (0, 0)
                let predictable = Double(vocabulary.count - 1)
                let freed = total.sum > 0 ? discount * Double(total.types) / Double(total.sum) : 1
                for index in vocabulary.indices where Int32(index) != start {
                    let count = Double(counts[[Int32(index)]] ?? 0)
                    let seen = total.sum > 0 ? max(count - discount, 0) / Double(total.sum) : 0
                    table[[Int32(index)]] = Entry(log10Probability: log10(seen + freed / predictable), log10Backoff: 0)
                }
                table[[start]] = Entry(log10Probability: -99, log10Backoff: 0)
            } else {
                for (gram, count) in counts {
                    let history = Array(gram.dropLast())
                    let total = totals[history]!
                    let weight = discount * Double(total.types) / Double(total.sum)
                    let lowerProbability = pow(10, lower.log10Probability(of: gram.last!, after: history.dropFirst()))
                    let probability = max(Double(count) - discount, 0) / Double(total.sum) + weight * lowerProbability
                    table[gram] = Entry(log10Probability: log10(probability), log10Backoff: 0)
                }
            }
            tables[length - 1] = table
            // The mass each history freed becomes its backoff weight one order down.
            if length > 1 {
                for (history, total) in totals {
                    let weight = discount * Double(total.types) / Double(total.sum)
                    tables[length - 2][history]?.log10Backoff = log10(weight)
                }
            }
        }
        return NGramLanguageModel(order: order, vocabulary: vocabulary, tables: tables)
    }

    /// Chen & Goodman's single discount, falling back to 0.5 when counts of counts are degenerate
    /// (tiny corpora with no singletons or no doubletons).
    static func discount(for counts: some Sequence<Int>) -> Double {
        var ones = 0, twos = 0
        for count in counts {
            if count == 1 { ones += 1 } else if count == 2 { twos += 1 }
        }
        guard ones > 0, twos > 0 else { return 0.5 }
        return min(max(Double(ones) / Double(ones + 2 * twos), 0.1), 0.9)
    }
}
