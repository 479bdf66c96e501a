import Testing
@testable import EarshotText

/// Properties every alignment must have, on seeded random pairs with small vocabularies
/// (so that equal-cost paths are common).
@Suite(.timeLimit(.minutes(5))) struct AlignmentPropertyTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    static func randomPairs(count: Int, seed: UInt64) -> [([Int32], [Int32])] {
        var g = Generator(state: seed)
        return (0..<count).map { _ in
            let vocabulary = Int32.random(in: 1...4, using: &g)
            let n = Int.random(in: 0...(Bool.random(using: &g) ? 12 : 70), using: &g)
            let m = Int.random(in: 0...(n + 4), using: &g)
            return ((0..<n).map { _ in Int32.random(in: 0..<vocabulary, using: &g) },
                    (0..<m).map { _ in Int32.random(in: 0..<vocabulary, using: &g) })
        }
    }

    /// Plain dynamic program with arbitrary costs, the definition both conventions minimize.
    static func minimumCost(_ a: [Int32], _ b: [Int32], sub: Int, ins: Int, del: Int) -> Int {
        var previous = (0...b.count).map { $0 * ins }
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i * del] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : sub), previous[j] + del, current[j - 1] + ins)
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test(arguments: AlignmentConvention.allCases)
    func identicalSequencesHaveNoErrors(convention: AlignmentConvention) {
        var aligner = WordAligner(convention: convention)
        for (reference, _) in Self.randomPairs(count: 200, seed: 1) {
            let counts = aligner.counts(reference: reference, hypothesis: reference)
            #expect(counts == EditCounts(hits: reference.count))
        }
    }

    @Test(arguments: AlignmentConvention.allCases)
    func countsAddUpAndAlignmentReplaysTheEdit(convention: AlignmentConvention) {
        var aligner = WordAligner(convention: convention)
        for (reference, hypothesis) in Self.randomPairs(count: 2000, seed: 2) {
            let alignment = aligner.align(reference: reference, hypothesis: hypothesis)
            #expect(alignment.counts.hits + alignment.counts.substitutions + alignment.counts.deletions == reference.count)
            #expect(alignment.counts.hits + alignment.counts.substitutions + alignment.counts.insertions == hypothesis.count)
            #expect(alignment.replay(reference: reference, hypothesis: hypothesis) == hypothesis)
        }
    }

    @Test func jiwerConventionIsAMinimumEditDistance() {
        var aligner = WordAligner(convention: .jiwer)
        for (reference, hypothesis) in Self.randomPairs(count: 2000, seed: 3) {
            let counts = aligner.counts(reference: reference, hypothesis: hypothesis)
            #expect(counts.errors == Self.minimumCost(reference, hypothesis, sub: 1, ins: 1, del: 1))
        }
    }

    @Test func scliteConventionMinimizesItsWeightedCost() {
        var aligner = WordAligner(convention: .sclite)
        for (reference, hypothesis) in Self.randomPairs(count: 2000, seed: 4) {
            let c = aligner.counts(reference: reference, hypothesis: hypothesis)
            let cost = 4 * c.substitutions + 3 * (c.deletions + c.insertions)
            #expect(cost == Self.minimumCost(reference, hypothesis, sub: 4, ins: 3, del: 3))
        }
    }

    @Test func scliteReportsMoreErrorsAndFewerSubstitutions() {
        // From the differential set: sclite's 4/3/3 costs trade substitutions for a
        // deletion and an insertion, so it counts 6 errors where the minimum is 4.
        let reference = "z w z y w x".split(separator: " ").map(String.init)
        let hypothesis = "w y y x y".split(separator: " ").map(String.init)
        var jiwer = WordAligner(convention: .jiwer), sclite = WordAligner(convention: .sclite)
        #expect(jiwer.align(reference: reference, hypothesis: hypothesis).counts
            == EditCounts(hits: 2, substitutions: 3, deletions: 1))
        #expect(sclite.align(reference: reference, hypothesis: hypothesis).counts
            == EditCounts(hits: 3, substitutions: 1, deletions: 2, insertions: 1))
    }

    @Test func emptySides() {
        for convention in AlignmentConvention.allCases {
            var aligner = WordAligner(convention: convention)
            #expect(aligner.align(reference: [] as [String], hypothesis: []).ops.isEmpty)
            #expect(aligner.align(reference: ["a", "b"], hypothesis: []).counts == EditCounts(deletions: 2))
            #expect(aligner.align(reference: [], hypothesis: ["a"]).counts == EditCounts(insertions: 1))
        }
    }

    @Test func characterAlignment() {
        var aligner = WordAligner()
        let alignment = aligner.alignCharacters(reference: "café", hypothesis: "cafe")
        #expect(alignment.ops == [.match, .match, .match, .substitution])
    }

    @Test func alignmentColumnsPointAtTheWords() {
        var aligner = WordAligner()
        let alignment = aligner.align(reference: ["the", "cat", "sat"], hypothesis: ["the", "bat", "sat", "down"])
        #expect(alignment.ops == [.match, .substitution, .match, .insertion])
        #expect(alignment.columns.map(\.referenceIndex) == [0, 1, 2, nil])
        #expect(alignment.columns.map(\.hypothesisIndex) == [0, 1, 2, 3])
    }
}
