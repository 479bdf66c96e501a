import EarshotText
import Foundation
import Synchronization

/// Scores reference/hypothesis pairs one at a time with reused buffers (words are interned
/// to `Int32` once; the alignment matrix is one pair's), accumulating confusions.
public struct CorpusScorer: Sendable {
    public let options: ScoringOptions
    var interner = WordInterner()
    var aligner: WordAligner
    var characters = CharacterDistance()
    var referenceIDs: [Int32] = []
    var hypothesisIDs: [Int32] = []
    var referenceScalars: [UInt32] = []
    var hypothesisScalars: [UInt32] = []
    var confusions = ConfusionCounter()

    public init(options: ScoringOptions = ScoringOptions()) {
        self.options = options
        self.aligner = WordAligner(convention: options.convention)
    }

    /// The largest alignment matrix (reference words + 1) × (hypothesis words + 1) scored;
    /// about 200 MB. Longer pairs are reported, not scored.
    public static let maximumAlignmentCells = 50_000_000

    /// Scores one pair; a nil hypothesis is a missing one, scored as empty. Throws
    /// `ScoringError.utteranceTooLong` for a pair whose alignment would not fit in memory.
    public mutating func score(id: String, reference: String, hypothesis: String?, tags: [String: String] = [:]) throws -> UtteranceScore {
        let keep = options.keepAlignments
        var refWords: [String] = [], hypWords: [String] = []
        if keep || !Self.tokenizeFast(reference, options.normalizer, &interner, into: &referenceIDs, scalars: &referenceScalars) {
            refWords = options.normalizer.words(reference)
            Self.intern(refWords, with: &interner, into: &referenceIDs, scalars: &referenceScalars)
        }
        if keep || !Self.tokenizeFast(hypothesis ?? "", options.normalizer, &interner, into: &hypothesisIDs, scalars: &hypothesisScalars) {
            hypWords = hypothesis.map { options.normalizer.words($0) } ?? []
            Self.intern(hypWords, with: &interner, into: &hypothesisIDs, scalars: &hypothesisScalars)
        }

        let (n, m) = (referenceIDs.count, hypothesisIDs.count)
        guard n < Self.maximumAlignmentCells, m < Self.maximumAlignmentCells,
              (n + 1) * (m + 1) <= Self.maximumAlignmentCells else {
            throw ScoringError.utteranceTooLong(id: id, referenceWords: n, hypothesisWords: m)
        }
        var ops: [EditOp] = []
        let referenceIDs = self.referenceIDs, hypothesisIDs = self.hypothesisIDs
        var confusions = self.confusions
        self.confusions = ConfusionCounter()  // moved out for the closure; moved back below
        defer { self.confusions = confusions }
        let counts = aligner.withOps(reference: referenceIDs, hypothesis: hypothesisIDs) { sequence -> EditCounts in
            var counts = EditCounts()
            var r = 0, h = 0
            for op in sequence {
                counts.add(op)
                switch op {
                case .match: r += 1; h += 1
                case .substitution:
                    let key = ConfusionCounter.key(referenceIDs[r], hypothesisIDs[h])
                    confusions.substitutions[key, default: 0] += 1
                    r += 1; h += 1
                case .deletion: ConfusionCounter.increment(&confusions.deletions, referenceIDs[r]); r += 1
                case .insertion: ConfusionCounter.increment(&confusions.insertions, hypothesisIDs[h]); h += 1
                }
                if keep { ops.append(op) }
            }
            return counts
        }
        let characterErrors = characters.distance(referenceScalars, hypothesisScalars)
        return UtteranceScore(
            id: id, counts: counts, characterErrors: characterErrors, referenceCharacters: referenceScalars.count,
            hypothesisMissing: hypothesis == nil, tags: tags,
            alignment: keep ? AlignedWords(reference: refWords, hypothesis: hypWords, ops: ops) : nil)
    }

    /// The scores of a run of utterances and the scorer that made them (its interner and
    /// confusion counts).
    struct Chunk: Sendable {
        var utterances: [UtteranceScore]
        var scorer: CorpusScorer
        var problems: [String]

        /// Appends a later chunk, translating its word ids into this chunk's interner.
        mutating func append(_ other: Chunk) {
            utterances += other.utterances
            problems += other.problems
            let mapping = other.scorer.interner.words.map { scorer.interner.id(for: $0) }
            scorer.confusions.merge(other.scorer.confusions, mapping: mapping)
        }
    }

    /// The confusion table so far, `limit` entries per list.
    public func confusionTable(limit: Int = 20) -> ConfusionTable {
        confusions.table(limit: limit) { interner.word(for: $0) }
    }

    /// Interns the words of ASCII text straight from its bytes; false if it needs the general path.
    private static func tokenizeFast(_ text: String, _ normalizer: TextNormalizer, _ interner: inout WordInterner,
                                     into ids: inout [Int32], scalars: inout [UInt32]) -> Bool {
        ids.removeAll(keepingCapacity: true)
        scalars.removeAll(keepingCapacity: true)
        return normalizer.withASCIIWords(text) { word in
            ids.append(interner.id(forUTF8: word))
            if !scalars.isEmpty { scalars.append(32) }
            scalars.append(contentsOf: word.lazy.map { UInt32($0) })
        }
    }

    private static func intern(_ words: [String], with interner: inout WordInterner,
                               into ids: inout [Int32], scalars: inout [UInt32]) {
        ids.removeAll(keepingCapacity: true)
        scalars.removeAll(keepingCapacity: true)
        for (k, word) in words.enumerated() {
            ids.append(interner.id(for: word))
            if k > 0 { scalars.append(32) }
            for scalar in word.unicodeScalars { scalars.append(scalar.value) }
        }
    }
}

/// A scored corpus: every reference utterance in file order, the unpaired ids, the pooled
/// counts and the confusions.
public struct CorpusScore: Sendable, Codable {
    public var utterances: [UtteranceScore]
    /// References with no hypothesis line (scored as all deletions).
    public var missingHypotheses: [String]
    /// Hypotheses with no reference (listed, not scored).
    public var extraHypotheses: [String]
    public var confusions: ConfusionTable
    /// Utterances that could not be scored (too long to align), one message each.
    public var problems: [String] = []

    public var totals: EditCounts { utterances.reduce(into: EditCounts()) { $0 += $1.counts } }
    public var characterErrors: Int { utterances.reduce(0) { $0 + $1.characterErrors } }
    public var referenceCharacters: Int { utterances.reduce(0) { $0 + $1.referenceCharacters } }
    public var sentenceErrors: Int { utterances.reduce(0) { $0 + ($1.isCorrect ? 0 : 1) } }

    public var summary: ScoreSummary { ScoreSummary(utterances) }

    /// Pairs the two files by utterance id and scores every reference. Large sets are scored
    /// in chunks on all cores (each chunk with its own scorer; the confusions are merged by
    /// word), so the result does not depend on the number of chunks.
    public static func score(references: TranscriptFile, hypotheses: TranscriptFile,
                             options: ScoringOptions = ScoringOptions(), confusionLimit: Int = 20,
                             chunks requestedChunks: Int? = nil, minimumChunk: Int = 4096) -> CorpusScore {
        // Pairing is cheap and sequential: reference entry → hypothesis entry (or -1).
        var used = [Bool](repeating: false, count: hypotheses.entries.count)
        var partner = [Int](repeating: -1, count: references.entries.count)
        var missing: [String] = []
        for (r, entry) in references.entries.enumerated() {
            // Files are usually in the same order: check the same position before hashing.
            let sameLine = r < hypotheses.entries.count && hypotheses.entries[r].id == entry.id
            if let k = sameLine ? r : hypotheses.position(of: entry.id) {
                used[k] = true
                partner[r] = k
            } else {
                missing.append(entry.id)
            }
        }
        let extra = hypotheses.entries.indices.filter { !used[$0] }.map { hypotheses.entries[$0].id }

        let count = references.entries.count
        let chunks = max(1, min(requestedChunks ?? ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumChunk)))
        let pairing = partner
        @Sendable func scoreChunk(_ c: Int) -> CorpusScorer.Chunk {
            var scorer = CorpusScorer(options: options)
            let range = (c * count / chunks)..<((c + 1) * count / chunks)
            var utterances: [UtteranceScore] = []
            var problems: [String] = []
            utterances.reserveCapacity(range.count)
            for r in range {
                let entry = references.entries[r]
                var tags = entry.tags
                var hypothesis: String?
                if pairing[r] >= 0 {
                    let other = hypotheses.entries[pairing[r]]
                    hypothesis = other.text
                    tags.merge(other.tags) { reference, _ in reference }
                }
                do {
                    utterances.append(try scorer.score(id: entry.id, reference: entry.text, hypothesis: hypothesis, tags: tags))
                } catch {
                    problems.append("\(error)")
                }
            }
            return CorpusScorer.Chunk(utterances: utterances, scorer: scorer, problems: problems)
        }

        var merged: CorpusScorer.Chunk
        if chunks == 1 {
            merged = scoreChunk(0)
        } else {
            let results = Mutex<[CorpusScorer.Chunk?]>(Array(repeating: nil, count: chunks))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let chunk = scoreChunk(c)
                results.withLock { $0[c] = chunk }
            }
            let parts = results.withLock { $0.compactMap { $0 } }
            merged = parts[0]
            for part in parts.dropFirst() { merged.append(part) }
        }
        return CorpusScore(utterances: merged.utterances, missingHypotheses: missing, extraHypotheses: extra,
                           confusions: merged.scorer.confusionTable(limit: confusionLimit), problems: merged.problems)
    }
}
