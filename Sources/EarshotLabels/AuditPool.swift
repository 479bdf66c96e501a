/// Pools clip analyses into the dataset-wide figures of a `LabelAuditReport`.
struct AuditPool {
    let examplesPerKind: Int
    var usage: [ConventionKind: ConventionUsage] = [:]
    var pairCounts: [ConventionKind: Int] = [:]
    var clipCounts: [ConventionKind: Int] = [:]
    var examples: [ConventionKind: [PairFinding]] = [:]
    var pairs: [PairFinding] = []
    var findings: [ClipFinding] = []
    var annotators: [String: AnnotatorTally] = [:]
    var humanLevel = HumanLevelAccumulator()
    var inconsistentClips = 0

    struct AnnotatorTally {
        var labels = 0
        var clipsScored = 0
        var errors = 0
        var consensusWords = 0
        var habits: [ConventionKind: ConventionUsage] = [:]
    }

    init(examplesPerKind: Int) {
        self.examplesPerKind = examplesPerKind
    }

    mutating func add(_ analysis: ClipAnalysis, rows: [LabelRecord], clipIndex: Int) {
        for (k, row) in rows.enumerated() {
            let conventions = analysis.conventions[k]
            var tally = annotators[row.annotator] ?? AnnotatorTally()
            tally.labels += 1
            for kind in ConventionKind.allCases {
                let eligible = switch kind {
                case .fillers: analysis.fillerEligible[k]
                case .compounds: analysis.compoundEligible[k]
                default: conventions.isEligible(kind)
                }
                let marked = conventions.usesMarkedForm(kind)
                usage[kind, default: ConventionUsage()].count(eligible: eligible, marked: marked)
                tally.habits[kind, default: ConventionUsage()].count(eligible: eligible, marked: marked)
            }
            annotators[row.annotator] = tally
        }
        for score in analysis.annotatorScores {
            annotators[score.annotator, default: AnnotatorTally()].clipsScored += 1
            annotators[score.annotator, default: AnnotatorTally()].errors += score.errors
            annotators[score.annotator, default: AnnotatorTally()].consensusWords += score.consensusWords
        }
        for score in analysis.pairScores { humanLevel.add(score, clipIndex: clipIndex) }
        for pair in analysis.pairs {
            for kind in pair.reconciledBy {
                pairCounts[kind, default: 0] += 1
                if examples[kind, default: []].count < examplesPerKind { examples[kind, default: []].append(pair) }
            }
        }
        pairs.append(contentsOf: analysis.pairs)
        if let finding = analysis.finding {
            for kind in finding.conventionKinds { clipCounts[kind, default: 0] += 1 }
            if !finding.conventionKinds.isEmpty || finding.flagged { inconsistentClips += 1 }
            findings.append(finding)
        }
    }

    func report(source: String, labels: Int, clips: Int, threshold: Double, problems: [String]) -> LabelAuditReport {
        let conventions = ConventionKind.allCases.map { kind in
            let kindUsage = usage[kind] ?? ConventionUsage()
            return ConventionSummary(
                kind: kind, title: kind.title, inconsistentPairs: pairCounts[kind] ?? 0,
                inconsistentClips: clipCounts[kind] ?? 0, examples: examples[kind] ?? [], usage: kindUsage,
                recommended: kindUsage.recommendsMarkedForm ? kind.markedForm : kind.neutralForm,
                recommendsNeutralForm: !kindUsage.recommendsMarkedForm)
        }
        let flagged = findings.enumerated().filter { $0.element.flagged }
            .sorted { $0.element.disagreement != $1.element.disagreement ? $0.element.disagreement > $1.element.disagreement : $0.offset < $1.offset }
            .map(\.element)
        let summaries = annotators.map { name, tally in
            AnnotatorSummary(annotator: name, labels: tally.labels, clipsScored: tally.clipsScored, errors: tally.errors,
                             consensusWords: tally.consensusWords,
                             habits: Dictionary(uniqueKeysWithValues: tally.habits.filter { $0.value.eligible > 0 }
                                .map { ($0.key.rawValue, $0.value.markedRate) }))
        }.sorted { $0.annotator < $1.annotator }
        return LabelAuditReport(
            source: source, labels: labels, clips: clips, multiTranscriptClips: findings.count,
            annotators: annotators.count, normalization: LabelAudit.normalizationSummary, conventions: conventions,
            disagreeingPairs: pairs, conventionOnlyPairs: pairs.filter { !$0.isSubstantive }.count,
            substantivePairs: pairs.filter(\.isSubstantive).count, clipFindings: findings, flagThreshold: threshold, flaggedClips: flagged,
            annotatorSummaries: summaries, humanLevel: humanLevel.result, inconsistentClips: inconsistentClips,
            inconsistencyRate: findings.isEmpty ? 0 : Double(inconsistentClips) / Double(findings.count),
            problems: problems)
    }
}
