import EarshotText

/// What the audit learns from one clip.
struct ClipAnalysis {
    var finding: ClipFinding?
    var pairs: [PairFinding] = []
    var conventions: [LabelConventions] = []
    /// Per transcript: whether it is eligible for the fillers and compounds usage counts.
    var fillerEligible: [Bool] = []
    var compoundEligible: [Bool] = []
    var annotatorScores: [AnnotatorScore] = []
    var pairScores: [PairScore] = []
    /// Per transcript, the words with every convention reconciled.
    var reconciledWords: [Int] = []
}

/// Analyzes one clip's transcripts: which conventions each pair differs by, how much they
/// differ beyond conventions, and the consensus. Keeps an aligner and word ids between clips.
struct ClipAnalyzer {
    let rules = ConventionRules()
    let expander = TextNormalizer(name: "audit-contractions", steps: [.expandContractions])
    let flagThreshold: Double
    var aligner = WordAligner(convention: .jiwer)
    var interner = WordInterner()

    init(flagThreshold: Double) {
        self.flagThreshold = flagThreshold
    }

    mutating func analyze(_ rows: [LabelRecord]) -> ClipAnalysis {
        if interner.count > 1 << 20 { interner = WordInterner() }  // bounds memory on huge vocabularies
        var analysis = ClipAnalysis()
        let raw = rows.map { ConventionRules.tokens($0.text) }
        analysis.conventions = raw.map { LabelConventions(tokens: $0, expander: expander) }
        var variants = ClipVariants(raw: raw, rules: rules, changeable: analysis.conventions.map(\.changeableKinds))
        let reconciled = variants.words(under: .all)
        analysis.reconciledWords = reconciled.map(\.count)
        let anyFiller = analysis.conventions.contains(where: \.hasFiller)
        analysis.fillerEligible = analysis.conventions.map { _ in anyFiller }
        let compoundsChanged = variants.compoundsChanged
        analysis.compoundEligible = analysis.conventions.indices.map {
            analysis.conventions[$0].hasHyphenatedWord || (compoundsChanged.contains(true) && rows.count > 1)
        }
        guard rows.count > 1 else { return analysis }

        var wordIDs: [[Int32]] = []
        for words in reconciled { wordIDs.append(ids(words)) }
        var distances = [[Int]](repeating: [Int](repeating: 0, count: rows.count), count: rows.count)
        var totalErrors = 0, totalWords = 0
        var kinds = Set<ConventionKind>()
        for i in rows.indices {
            for j in (i + 1)..<rows.count {
                let distance = variants.raw[i] == variants.raw[j] ? 0 : errors(wordIDs[i], wordIDs[j])
                distances[i][j] = distance
                distances[j][i] = distance
                let words = reconciled[i].count + reconciled[j].count
                totalErrors += 2 * distance
                totalWords += words
                analysis.pairScores.append(PairScore(errors: 2 * distance, words: words,
                                                     tags: sharedTags(rows[i].tags, rows[j].tags)))
                guard variants.raw[i] != variants.raw[j] else { continue }
                let relevant = ConventionKind.allCases.filter { kind in
                    kind == .compounds
                        ? compoundsChanged[i] || compoundsChanged[j]
                        : analysis.conventions[i].usesMarkedForm(kind) || analysis.conventions[j].usesMarkedForm(kind)
                }
                let reconciledBy = reconcilingRules(i, j, distance: distance, relevant: relevant, variants: &variants)
                kinds.formUnion(reconciledBy)
                let raw = errors(ids(variants.raw[i]), ids(variants.raw[j]))
                analysis.pairs.append(PairFinding(
                    clipID: rows[i].clipID, annotators: [rows[i].annotator, rows[j].annotator],
                    texts: [rows[i].text, rows[j].text],
                    rawWER: Self.rate(2 * raw, variants.raw[i].count + variants.raw[j].count),
                    normalizedWER: Self.rate(2 * distance, words), reconciledBy: reconciledBy))
            }
        }

        let medoid = ConsensusVote.medoid(distances: distances)
        let consensus = ConsensusVote.consensus(wordIDs, pivotIndex: medoid, aligner: &aligner)
        if rows.count >= 3 {
            for (k, row) in rows.enumerated() {
                analysis.annotatorScores.append(AnnotatorScore(
                    annotator: row.annotator, errors: aligner.counts(reference: consensus, hypothesis: wordIDs[k]).errors,
                    consensusWords: consensus.count))
            }
        }
        let disagreement = Self.rate(totalErrors, totalWords)
        analysis.finding = ClipFinding(
            clipID: rows[0].clipID, annotators: rows.map(\.annotator), texts: rows.map(\.text),
            disagreement: disagreement, consensus: consensus.map { interner.word(for: $0) }.joined(separator: " "),
            conventionKinds: kinds.sorted(), flagged: disagreement > flagThreshold)
        return analysis
    }

    /// The rules without which the pair differs more; when the pair is reconciled only by
    /// rules that each could stand in for another, the smallest set that reconciles it.
    /// Rules that cannot change either transcript (`relevant` leaves them out) are skipped:
    /// without them the pair is the same.
    mutating func reconcilingRules(_ i: Int, _ j: Int, distance: Int, relevant: [ConventionKind],
                                   variants: inout ClipVariants) -> [ConventionKind] {
        var needed: [ConventionKind] = []
        for kind in relevant {
            let ablated = variants.words(under: ConventionSet.all.removing(kind))
            if errors(ids(ablated[i]), ids(ablated[j])) > distance { needed.append(kind) }
        }
        guard needed.isEmpty, distance == 0 else { return needed }
        for size in 1...ConventionKind.allCases.count {
            for mask in UInt8(1)...ConventionSet.all.mask where mask.nonzeroBitCount == size {
                let words = variants.words(under: ConventionSet(mask: mask))
                if words[i] == words[j] { return ConventionSet(mask: mask).kinds }
            }
        }
        return []
    }

    mutating func ids(_ words: [String]) -> [Int32] { words.map { interner.id(for: $0) } }

    mutating func errors(_ a: [Int32], _ b: [Int32]) -> Int {
        a == b ? 0 : aligner.counts(reference: a, hypothesis: b).errors
    }

    static func rate(_ errors: Int, _ words: Int) -> Double {
        words > 0 ? Double(errors) / Double(words) : (errors > 0 ? 1 : 0)
    }

    /// Tags on which both rows agree: a pair belongs to a slice only when both of its rows do.
    func sharedTags(_ a: [String: String], _ b: [String: String]) -> [String: String] {
        guard !a.isEmpty, !b.isEmpty else { return [:] }
        return a.filter { b[$0.key] == $0.value }
    }
}

/// A clip's transcripts under each subset of the reconciling rules, computed on demand.
/// A rule that cannot change a transcript (`changeable`) is not run on it, and subsets that
/// come to the same rules for a transcript share one computation.
struct ClipVariants {
    let raw: [[String]]
    let rules: ConventionRules
    private let changeable: [UInt8]
    private var cache: [UInt8: [[String]]] = [:]
    private var perTranscript: [[UInt8: [String]]]
    private(set) var compoundsChanged: [Bool] = []
    /// All transcripts are identical as written: every variant is computed once and shared.
    private let allIdentical: Bool

    /// `changeable[k]`: the word-level kinds whose rule can change transcript `k` (all when nil).
    init(raw: [[String]], rules: ConventionRules, changeable: [ConventionSet]? = nil) {
        self.raw = raw
        self.rules = rules
        self.changeable = changeable?.map(\.mask) ?? raw.map { _ in ConventionSet.all.mask }
        perTranscript = raw.map { _ in [:] }
        allIdentical = raw.dropFirst().allSatisfy { $0 == raw[0] }
        compoundsChanged = raw.map { _ in false }
    }

    mutating func words(under kinds: ConventionSet) -> [[String]] {
        if let cached = cache[kinds.mask] { return cached }
        var result: [[String]]
        if allIdentical {
            result = [[String]](repeating: transcript(0, under: kinds), count: raw.count)
        } else {
            result = raw.indices.map { transcript($0, under: kinds) }
        }
        if kinds.contains(.compounds) {
            let outcome = CompoundJoiner.join(result)
            result = outcome.transcripts
            if kinds == .all { compoundsChanged = outcome.changed }
        }
        cache[kinds.mask] = result
        return result
    }

    /// Transcript `k` under the word-level rules of `kinds` that can change it.
    private mutating func transcript(_ k: Int, under kinds: ConventionSet) -> [String] {
        let effective = kinds.mask & changeable[k] & ~ConventionKind.compounds.bit
        if effective == 0 { return raw[k] }
        if let cached = perTranscript[k][effective] { return cached }
        let words = rules.apply(ConventionSet(mask: effective), to: raw[k])
        perTranscript[k][effective] = words
        return words
    }
}
