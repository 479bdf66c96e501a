import EarshotText

/// A consensus transcript by word-level alignment vote (in the spirit of NIST ROVER): every
/// transcript is aligned to the medoid (the one closest to all others), each aligned column
/// is decided by majority — a gap wins when more transcripts omit the word than write any
/// one word — and inserted words are kept only when a strict majority inserts them. Ties go
/// to the medoid's word.
enum ConsensusVote {
    /// Index of the transcript with the least total distance to the others (first on ties).
    static func medoid(distances: [[Int]]) -> Int {
        var best = 0
        var bestSum = Int.max
        for (k, row) in distances.enumerated() {
            let sum = row.reduce(0, +)
            if sum < bestSum { best = k; bestSum = sum }
        }
        return best
    }

    static func consensus(_ transcripts: [[Int32]], pivotIndex: Int, aligner: inout WordAligner) -> [Int32] {
        let pivot = transcripts[pivotIndex]
        var columnVotes: [[Int32: Int]] = pivot.map { [$0: 1] }
        var gapVotes = [Int](repeating: 0, count: pivot.count)
        // Inserted word sequences per slot (slot p is before pivot word p), counted per transcript.
        var insertionVotes = [[[Int32]: Int]](repeating: [:], count: pivot.count + 1)
        for (k, transcript) in transcripts.enumerated() where k != pivotIndex {
            let alignment = aligner.align(reference: pivot, hypothesis: transcript)
            var p = 0, h = 0
            var pending: [Int32] = []
            for op in alignment.ops {
                switch op {
                case .match, .substitution:
                    flush(&pending, into: &insertionVotes[p])
                    columnVotes[p][transcript[h], default: 0] += 1
                    p += 1; h += 1
                case .deletion:
                    flush(&pending, into: &insertionVotes[p])
                    gapVotes[p] += 1
                    p += 1
                case .insertion:
                    pending.append(transcript[h])
                    h += 1
                }
            }
            flush(&pending, into: &insertionVotes[p])
        }
        let majority = transcripts.count / 2 + 1
        var result: [Int32] = []
        for p in 0...pivot.count {
            if let (sequence, count) = insertionVotes[p].max(by: { $0.value < $1.value }), count >= majority {
                result.append(contentsOf: sequence)
            }
            guard p < pivot.count else { break }
            let pivotVotes = columnVotes[p][pivot[p]] ?? 0
            var word = pivot[p], votes = pivotVotes
            // Strictly more votes than the medoid's word; among other words tied, the lowest id
            // (dictionary order is not deterministic).
            for (candidate, count) in columnVotes[p]
            where count > votes || (count == votes && word != pivot[p] && candidate < word) {
                word = candidate
                votes = count
            }
            if gapVotes[p] <= votes { result.append(word) }
        }
        return result
    }

    private static func flush(_ pending: inout [Int32], into votes: inout [[Int32]: Int]) {
        guard !pending.isEmpty else { return }
        votes[pending, default: 0] += 1
        pending.removeAll(keepingCapacity: true)
    }
}
