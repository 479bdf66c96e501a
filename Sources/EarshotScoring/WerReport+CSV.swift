import Foundation

extension WerReport {
    /// Every table of the report as CSV: each table starts with a `# name` line and a header,
    /// tables are separated by a blank line (summary, utterances, speakers, slices,
    /// confusions, unpaired, comparison).
    public func csv() -> String {
        var tables: [String] = []
        func table(_ name: String, _ header: [String], _ rows: [[String]]) {
            tables.append((["# \(name)", header.joined(separator: ",")] + rows.map { $0.map(csvField).joined(separator: ",") })
                .joined(separator: "\n"))
        }
        func summaryFields(_ s: ScoreSummary) -> [String] {
            ["\(s.utterances)", "\(s.referenceWords)", "\(s.counts.hits)", "\(s.counts.substitutions)", "\(s.counts.deletions)",
             "\(s.counts.insertions)", number(s.wer), number(s.mer), number(s.wil), number(s.wip), number(s.cer), number(s.ser)]
        }
        let summaryHeader = ["utterances", "reference_words", "hits", "substitutions", "deletions", "insertions",
                             "wer", "mer", "wil", "wip", "cer", "ser"]
        table("summary", ["system", "alignment", "normalization"] + summaryHeader,
              [[hypothesis.path, alignment.rawValue, normalization.summary] + summaryFields(summary)]
                + (comparison.map { [[$0.hypothesis.path, alignment.rawValue, normalization.summary] + summaryFields($0.summary)] } ?? []))
        table("utterances", ["id", "reference_words", "hits", "substitutions", "deletions", "insertions", "wer", "mer", "wil", "wip", "cer", "hypothesis_missing"],
              utterances.map { u in
                  [u.id, "\(u.referenceWords)", "\(u.hits)", "\(u.substitutions)", "\(u.deletions)", "\(u.insertions)",
                   number(u.wer), number(u.mer), number(u.wil), number(u.wip), number(u.cer), u.hypothesisMissing ? "true" : "false"]
              })
        if !speakers.isEmpty {
            table("speakers", ["speaker"] + summaryHeader, speakers.map { [$0.speaker] + summaryFields($0.summary) })
        }
        if !slices.isEmpty {
            table("slices", ["tag", "value", "utterances", "share", "reference_words", "wer", "ci_low", "ci_high", "hlp_wer", "gap", "priority"],
                  slices.map { s in
                      [s.tag, s.value, "\(s.utterances)", number(s.share), "\(s.referenceWords)", number(s.wer),
                       s.interval.map { number($0.low) } ?? "", s.interval.map { number($0.high) } ?? "",
                       s.humanLevelWER.map(number) ?? "", s.gap.map(number) ?? "", s.priority.map(number) ?? ""]
                  })
        }
        table("confusions", ["kind", "reference", "hypothesis", "count"],
              confusions.substitutions.map { ["substitution", $0.reference, $0.hypothesis, "\($0.count)"] }
                + confusions.insertions.map { ["insertion", "", $0.word, "\($0.count)"] }
                + confusions.deletions.map { ["deletion", $0.word, "", "\($0.count)"] })
        if !missingHypotheses.isEmpty || !extraHypotheses.isEmpty {
            table("unpaired", ["id", "problem"],
                  missingHypotheses.map { [$0, "no hypothesis (scored as deletions)"] } + extraHypotheses.map { [$0, "no reference (not scored)"] })
        }
        if let comparison {
            table("comparison", ["slice", "utterances", "wer_a", "wer_b", "difference", "ci_low", "ci_high", "p_mapsswe", "p_sign", "b_better", "b_worse", "ties"],
                  comparison.rows.map { r in
                      [r.slice, "\(r.utterances)", number(r.werA), number(r.werB), number(r.difference),
                       r.interval.map { number($0.low) } ?? "", r.interval.map { number($0.high) } ?? "",
                       number(r.test.pValue), number(r.test.signTestPValue), "\(r.test.candidateBetter)", "\(r.test.candidateWorse)", "\(r.test.ties)"]
                  })
        }
        return tables.joined(separator: "\n\n") + "\n"
    }
}

func number(_ x: Double) -> String { "\(x)" }

func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
