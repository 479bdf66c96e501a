import EarshotCore
/// Flagged rows as CSV, one table for labels and manifest findings alike:
/// `section,kind,clip_id,annotators,texts,raw_wer,normalized_wer,detail`.
public enum AuditCSV {
    public static let header = "section,kind,clip_id,annotators,texts,raw_wer,normalized_wer,detail"

    public static func rows(labels: LabelAuditReport?, verification: VerificationReport?) -> String {
        var lines = [header]
        func add(_ fields: [String]) { lines.append(fields.map(DelimitedText.csvField).joined(separator: ",")) }
        func number(_ value: Double) -> String { String(format: "%.6f", value) }
        if let labels {
            for pair in labels.disagreeingPairs {
                let kind = pair.isConventionInconsistency
                    ? (pair.isSubstantive ? "convention+substantive" : "convention") : "substantive"
                add(["pair", kind, pair.clipID, pair.annotators.joined(separator: "|"), pair.texts.joined(separator: "|"),
                     number(pair.rawWER), number(pair.normalizedWER), pair.reconciledBy.map(\.rawValue).joined(separator: "+")])
            }
            for clip in labels.flaggedClips {
                add(["clip", "flagged", clip.clipID, clip.annotators.joined(separator: "|"), clip.texts.joined(separator: "|"),
                     "", number(clip.disagreement), "consensus: " + clip.consensus])
            }
        }
        if let verification {
            for finding in verification.findings {
                add(["data", finding.check.rawValue, finding.id, "", "", "", "", finding.detail])
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
