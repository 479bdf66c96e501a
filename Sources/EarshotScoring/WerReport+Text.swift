import EarshotText
import Foundation

extension WerReport {
    /// The sclite-like text report. `alignments` adds the per-utterance REF/HYP lines
    /// (when the utterances were scored with `keepAlignments`).
    public func text(alignments: Bool = false, listLimit: Int = 50) -> String {
        var out = "Earshot WER report\n"
        out += "reference      \(reference.path) (\(reference.format.rawValue), \(reference.utterances) utterances)\n"
        out += "hypothesis     \(hypothesis.path) (\(hypothesis.format.rawValue), \(hypothesis.utterances) utterances)\n"
        out += "alignment      \(alignmentDescription)\n"
        out += "normalization  \(normalization.summary)\n\n"
        out += summaryTable()
        out += "\n" + measuresLine(summary) + "\n"
        if let maxWER {
            out += "gate           WER \(percent(summary.wer)) \(gateExceeded ? ">" : "≤") max \(percent(maxWER))\(gateExceeded ? "  EXCEEDED" : "")\n"
        }
        out += idList("References without hypothesis (scored as deletions)", missingHypotheses, listLimit)
        out += idList("Hypotheses without reference (not scored)", extraHypotheses, listLimit)
        out += confusionText()
        if !slices.isEmpty { out += sliceText() }
        if let comparison { out += comparisonText(comparison) }
        if let calibration { out += calibrationText(calibration) }
        if alignments { out += alignmentText() }
        if !problems.isEmpty {
            out += "\nInput problems (\(problems.count) lines skipped):\n" + problems.map { "  \($0)\n" }.joined()
        }
        return out
    }

    /// The reliability diagram as a table, and what review thresholds would catch.
    func calibrationText(_ c: CalibrationReport) -> String {
        var out = String(format: "\nConfidence calibration (%d utterances with a confidence; right = no error at all)\n", c.utterances)
        out += String(format: "  ECE %.3f  Brier %.3f  accuracy %.1f %%  mean confidence %.3f\n",
                      c.expectedCalibrationError, c.brierScore, 100 * c.accuracy, c.meanConfidence)
        out += "  confidence    utterances  mean conf  accuracy\n"
        for bin in c.bins where bin.count > 0 {
            out += String(format: "  %.1f–%.1f   %12d  %9.3f  %7.1f %%\n", bin.lower, bin.upper, bin.count, bin.meanConfidence, 100 * bin.accuracy)
        }
        out += "  review below  reviewed  wrong caught  reviewed wrong\n"
        for row in c.review {
            out += String(format: "  %12.1f  %7.1f %%  %10.1f %%  %12.1f %%\n", row.threshold, 100 * row.reviewedShare,
                          100 * row.wrongCaught, 100 * row.reviewedWrong)
        }
        return out
    }

    func measuresLine(_ s: ScoreSummary) -> String {
        "WER \(percent(s.wer))  MER \(percent(s.mer))  WIL \(percent(s.wil))  WIP \(percent(s.wip))  "
            + "CER \(percent(s.cer))  SER \(percent(s.ser))   "
            + "H=\(s.counts.hits) S=\(s.counts.substitutions) D=\(s.counts.deletions) I=\(s.counts.insertions) N=\(s.referenceWords)"
    }

    func summaryTable() -> String {
        let header = "| SPKR" + pad("", 14) + " |   # Snt     # Wrd |  Corr    Sub    Del    Ins    Err  S.Err |"
        let rule = "|" + String(repeating: "-", count: header.count - 2) + "|"
        var lines = [",\(String(repeating: "-", count: header.count - 2)).", header, rule]
        for row in speakers { lines.append(summaryRow(row.speaker, row.summary)) }
        if !speakers.isEmpty { lines.append(rule) }
        lines.append(summaryRow("Sum/Avg", summary))
        lines.append("`\(String(repeating: "-", count: header.count - 2))'")
        return lines.joined(separator: "\n") + "\n"
    }

    func summaryRow(_ name: String, _ s: ScoreSummary) -> String {
        let n = Double(s.referenceWords)
        func p(_ x: Int) -> String { pad(String(format: "%.1f", n > 0 ? 100 * Double(x) / n : 0), 6, right: true) }
        let sentence = pad(String(format: "%.1f", 100 * s.ser), 6, right: true)
        return "| " + pad(String(name.prefix(18)), 18) + " | " + pad("\(s.utterances)", 7, right: true) + " "
            + pad("\(s.referenceWords)", 9, right: true) + " | " + p(s.counts.hits) + " " + p(s.counts.substitutions) + " "
            + p(s.counts.deletions) + " " + p(s.counts.insertions) + " " + p(s.counts.errors) + " " + sentence + " |"
    }

    func idList(_ title: String, _ ids: [String], _ limit: Int) -> String {
        guard !ids.isEmpty else { return "" }
        let shown = ids.prefix(limit).joined(separator: " ")
        return "\n\(title): \(ids.count)\n  \(shown)\(ids.count > limit ? " ..." : "")\n"
    }

    func confusionText() -> String {
        var out = ""
        if !confusions.substitutions.isEmpty {
            out += "\nTop substitutions (ref ==> hyp):\n"
            out += confusions.substitutions.map { "  \(pad("\($0.count)", 6, right: true))  \($0.reference) ==> \($0.hypothesis)\n" }.joined()
        }
        if !confusions.insertions.isEmpty {
            out += "\nMost inserted words:\n" + confusions.insertions.map { "  \(pad("\($0.count)", 6, right: true))  \($0.word)\n" }.joined()
        }
        if !confusions.deletions.isEmpty {
            out += "\nMost deleted words:\n" + confusions.deletions.map { "  \(pad("\($0.count)", 6, right: true))  \($0.word)\n" }.joined()
        }
        return out
    }

    func sliceText() -> String {
        var out = "\nError analysis by slice (WER 95% interval: bootstrap over utterances, seeded):\n"
        out += "  " + pad("slice", 24) + pad("utts", 7, right: true) + pad("share", 8, right: true) + pad("WER", 8, right: true)
            + "  " + pad("95% CI", 17) + pad("HLP", 7, right: true) + pad("gap", 8, right: true) + pad("priority", 10, right: true) + "\n"
        for row in slices {
            let ci = row.interval.map { "[\(percent($0.low)), \(percent($0.high))]" } ?? "-"
            out += "  " + pad(row.name, 24) + pad("\(row.utterances)", 7, right: true) + pad(percent(row.share), 8, right: true)
                + pad(percent(row.wer), 8, right: true) + "  " + pad(ci, 17)
                + pad(row.humanLevelWER.map(percent) ?? "-", 7, right: true) + pad(row.gap.map(percent) ?? "-", 8, right: true)
                + pad(row.priority.map { String(format: "%.4f", $0) } ?? "-", 10, right: true) + "\n"
        }
        return out
    }

    func comparisonText(_ c: Comparison) -> String {
        var out = "\nComparison: A = \(hypothesis.path), B = \(c.hypothesis.path)\n"
        out += "  B: " + measuresLine(c.summary) + "\n"
        out += "  test: \(c.test)\n"
        out += "  " + pad("slice", 24) + pad("utts", 7, right: true) + pad("WER A", 8, right: true) + pad("WER B", 8, right: true)
            + pad("B − A", 9, right: true) + "  " + pad("95% CI", 19) + pad("p (MAPSSWE)", 12, right: true)
            + pad("p (sign)", 10, right: true) + "  B better/worse/tie\n"
        for row in c.rows {
            let ci = row.interval.map { "[\(signed($0.low)), \(signed($0.high))]" } ?? "-"
            out += "  " + pad(row.slice, 24) + pad("\(row.utterances)", 7, right: true) + pad(percent(row.werA), 8, right: true)
                + pad(percent(row.werB), 8, right: true) + pad(signed(row.difference), 9, right: true) + "  " + pad(ci, 19)
                + pad(String(format: "%.4f", row.test.pValue), 12, right: true) + pad(String(format: "%.4f", row.test.signTestPValue), 10, right: true)
                + "  \(row.test.candidateBetter)/\(row.test.candidateWorse)/\(row.test.ties)\(row.significant ? "  *" : "")\n"
        }
        return out
    }

    /// REF/HYP/Eval lines like sclite's `pra`: errors upper-cased, gaps as asterisks.
    func alignmentText() -> String {
        var out = "\nAlignments:\n"
        for utterance in utterances {
            guard let a = utterance.alignment else { continue }
            var ref: [String] = [], hyp: [String] = [], eval: [String] = []
            var r = 0, h = 0
            for op in a.ops {
                let rw = op.consumesReference ? a.reference[r] : nil
                let hw = op.consumesHypothesis ? a.hypothesis[h] : nil
                if op.consumesReference { r += 1 }
                if op.consumesHypothesis { h += 1 }
                let shown = op == .match ? (rw ?? "", hw ?? "")
                    : (rw?.uppercased() ?? String(repeating: "*", count: hw?.count ?? 1),
                       hw?.uppercased() ?? String(repeating: "*", count: rw?.count ?? 1))
                let width = max(shown.0.count, shown.1.count)
                ref.append(pad(shown.0, width)); hyp.append(pad(shown.1, width)); eval.append(pad(op.mark.trimmingCharacters(in: .whitespaces), width))
            }
            out += "\nid: (\(utterance.id))\(utterance.hypothesisMissing ? "  [no hypothesis]" : "")\n"
            out += "Scores: (#C #S #D #I) \(utterance.hits) \(utterance.substitutions) \(utterance.deletions) \(utterance.insertions)\n"
            out += "REF:  " + ref.joined(separator: " ") + "\n"
            out += "HYP:  " + hyp.joined(separator: " ") + "\n"
            out += "Eval: " + eval.joined(separator: " ") + "\n"
        }
        return out
    }
}

func percent(_ x: Double) -> String { String(format: "%.2f%%", 100 * x) }
func signed(_ x: Double) -> String { String(format: "%+.2f%%", 100 * x) }

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let count = s.count
    guard count < width else { return s }
    let fill = String(repeating: " ", count: width - count)
    return right ? fill + s : s + fill
}
