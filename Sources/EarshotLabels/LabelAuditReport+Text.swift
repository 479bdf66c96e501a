/// The readable rendering of a label audit.
extension LabelAuditReport {
    /// The report as text; `limit` caps the clips and pairs listed per section.
    public func text(limit: Int = 10) -> String {
        typealias F = ReportFormatting
        var out: [String] = []
        out.append("Label audit of \(source)")
        out.append("  \(labels) transcripts, \(clips) clips (\(multiTranscriptClips) with several transcripts), \(annotators) annotators")
        out.append("  normalized WER: \(normalization)")
        out.append("")
        out.append("Pairs of transcripts of one clip that differ as written: \(disagreeingPairs.count); "
                   + "\(conventionOnlyPairs) only in convention, \(substantivePairs) in words")
        out.append("Convention inconsistencies (pairs that a rule reconciles, in whole or in part)")
        for summary in conventions {
            out.append("  \(F.pad(summary.title, 22)) \(summary.inconsistentPairs) pair(s) in \(summary.inconsistentClips) clip(s)")
            for example in summary.examples.prefix(3) {
                out.append("    \(example.clipID): \(F.quoted(example.texts[0])) (\(example.annotators[0])) / "
                           + "\(F.quoted(example.texts[1])) (\(example.annotators[1]))  raw WER \(F.percent(example.rawWER)), "
                           + "normalized \(F.percent(example.normalizedWER)); reconciled by \(example.reconciledBy.map(\.title).joined(separator: " + "))")
            }
        }
        out.append("")
        out.append("Convention usage across the set, and the recommendation (majority)")
        for summary in conventions {
            let usage = summary.usage
            let line = usage.eligible > 0
                ? "\(summary.kind.markedForm) in \(F.percent(usage.markedRate)) of \(usage.eligible) transcripts that show it"
                : "not observed"
            out.append("  \(F.pad(summary.title, 22)) \(line); recommend: \(summary.recommended)")
        }
        out.append("")
        out.append("Substantive disagreement (after every convention is reconciled)")
        out.append("  \(flaggedClips.count) clip(s) over \(F.percent(flagThreshold)) flagged for relabeling, worst first:")
        for clip in flaggedClips.prefix(limit) {
            out.append("    \(clip.clipID)  \(F.percent(clip.disagreement))  consensus \(F.quoted(clip.consensus))")
            for (annotator, text) in zip(clip.annotators, clip.texts) { out.append("      \(annotator): \(F.quoted(text))") }
        }
        if flaggedClips.count > limit { out.append("    ... \(flaggedClips.count - limit) more (--json or --csv for all)") }
        out.append("")
        out.append("Annotators (WER against the consensus of clips with 3+ transcripts; habits: share using the marked form)")
        for summary in annotatorSummaries {
            let habits = ConventionKind.allCases.compactMap { kind in
                summary.habits[kind.rawValue].map { "\(kind.rawValue) \(F.percent($0))" }
            }.joined(separator: ", ")
            let wer = summary.consensusWords > 0 ? F.percent(summary.werAgainstConsensus) : "-"
            out.append("  \(F.pad(summary.annotator, 14)) \(summary.labels) labels, WER \(wer) over \(summary.clipsScored) clips; \(habits)")
        }
        out.append("")
        out.append("Human-level performance (inter-annotator WER)")
        out.append("  all: \(F.percent(humanLevel.overall.wer)) over \(humanLevel.overall.pairs) pairs in \(humanLevel.overall.clips) clips")
        for slice in humanLevel.slices.prefix(limit * 2) {
            out.append("  \(slice.slice): \(F.percent(slice.wer)) over \(slice.pairs) pairs in \(slice.clips) clips")
        }
        out.append("")
        out.append("Inconsistency rate: \(F.percent(inconsistencyRate)) (\(inconsistentClips) of \(multiTranscriptClips) clips)")
        if !problems.isEmpty {
            out.append("Rows not used: \(problems.count)")
            for problem in problems.prefix(limit) { out.append("  \(problem)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension VerificationReport {
    public func text(limit: Int = 20) -> String {
        var out: [String] = []
        out.append("Data verification of \(manifest)")
        out.append("  \(entries) entries, audio measured for \(audioMeasured)")
        if let median = medianCharactersPerSecond, let mad = madCharactersPerSecond {
            out.append(String(format: "  speaking rate: median %.1f characters/s, scaled MAD %.1f", median, mad))
        }
        for check in VerificationCheck.allCases {
            let found = findings.filter { $0.check == check }
            out.append("  \(ReportFormatting.pad(check.rawValue, 34)) \(found.count)")
            for finding in found.prefix(limit) { out.append("    \(finding.id) (line \(finding.line)): \(finding.detail)") }
        }
        for problem in problems { out.append("  unreadable line: \(problem)") }
        return out.joined(separator: "\n") + "\n"
    }
}
