import Foundation
import Testing
@testable import EarshotText

/// Differential test of the two alignment conventions against the committed jiwer 4.0.0 and
/// sclite outputs in Fixtures/wer/reference_pairs.json (see Tests/Reference/wer_reference.py).
@Suite(.timeLimit(.minutes(5))) struct ReferenceAlignmentTests {
    struct Counts: Decodable { let hits, substitutions, deletions, insertions: Int }
    struct Pair: Decodable { let ref: String; let hyp: String; let jiwer: Counts; let sclite: Counts? }
    struct Reference: Decodable { let pairs: [Pair] }

    static func load() throws -> Reference {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/wer/reference_pairs.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    static func words(_ s: String) -> [String] { s.split(separator: " ").map(String.init) }

    @Test(arguments: AlignmentConvention.allCases)
    func countsEqualReferenceTool(convention: AlignmentConvention) throws {
        let reference = try Self.load()
        var aligner = WordAligner(convention: convention)
        var mismatches: [String] = []
        for pair in reference.pairs {
            guard let expected = convention == .jiwer ? pair.jiwer : pair.sclite else { continue }
            let got = aligner.align(reference: Self.words(pair.ref), hypothesis: Self.words(pair.hyp)).counts
            let want = EditCounts(hits: expected.hits, substitutions: expected.substitutions,
                                  deletions: expected.deletions, insertions: expected.insertions)
            if got != want { mismatches.append("\(pair.ref) | \(pair.hyp): got \(got), want \(want)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
        #expect(reference.pairs.count > 500)
    }
}
