import ArgumentParser
import EarshotLabels
import Foundation

/// `earshot audit`: label consistency and data verification; parses arguments and calls EarshotLabels.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit labels for convention inconsistencies and disagreement, and verify a manifest's data.",
        discussion: """
        LABELS has one or more transcripts per clip: columns clip_id, annotator, text (.tsv, \
        .csv or .jsonl; other columns are tags for slicing). For clips with several \
        transcripts the audit names the convention each disagreeing pair differs by (casing, \
        punctuation/ellipsis, filler words, digits vs words, contractions, hyphenation/spacing) \
        with its raw and normalized WER, counts how often each convention is used and \
        recommends the majority's, flags clips whose transcripts still disagree after every \
        convention is reconciled (worst first, with a consensus by alignment vote), scores \
        annotators against the consensus, and writes the inter-annotator WER (human-level \
        performance) overall and per tag value in the file format `earshot wer --hlp` reads.

        --manifest verifies a JSONL manifest (id, audio, text, ...): missing or unreadable \
        audio, empty transcripts, characters outside --allowed-chars, words missing from \
        --lexicon, speaking-rate outliers (robust z-score of characters per second), identical \
        audio with different labels, duplicate ids, sample rates other than --expected-rate, \
        clipping and silence. Relative audio paths are taken from the manifest's folder.

        Exit codes: 0 ok, 1 unreadable input, rows or audio, 2 usage, 3 inconsistency rate \
        over --max-inconsistency (checked first).

        Examples:
          earshot audit labels.tsv
          earshot audit labels.tsv --hlp hlp.tsv
          earshot wer --ref ref.jsonl --hyp hyp.jsonl --hlp hlp.tsv
          earshot audit labels.csv --max-clip-wer 0.3 --csv > flagged.csv
          earshot audit labels.jsonl --write-normalized clean.jsonl
          earshot audit labels.tsv --max-inconsistency 5%
          earshot audit --manifest train.jsonl --lexicon cmudict.txt --json
          earshot audit --manifest train.jsonl --expected-rate 16000
        """)

    @Argument(help: "Labels file (clip_id, annotator, text).")
    var labels: String?

    @Option(help: "Labels format: tsv, csv, jsonl (default: from the extension, else the content).")
    var format: LabelReader.Format?

    @Option(help: "JSONL manifest to verify (id, audio, text, duration, speaker, tags).")
    var manifest: String?

    @Option(help: "Word list or lexicon (first field per line) for the out-of-vocabulary check.")
    var lexicon: String?

    @Option(help: "Characters a transcript may contain, with ranges (default: \(AllowedCharacters.defaultSpecification)).")
    var allowedChars: String = AllowedCharacters.defaultSpecification

    @Option(help: "Expected sample rate in Hz; other rates are reported.")
    var expectedRate: Int?

    @Option(help: "Flag clips whose reconciled disagreement is above this (fraction or percentage).")
    var maxClipWer: String = "0.2"

    @Option(help: "Exit with 3 when the share of inconsistent clips is above this (fraction or percentage).")
    var maxInconsistency: String?

    @Option(help: "Write the human-level performance (inter-annotator WER per slice) to this file.")
    var hlp: String?

    @Option(help: "Write the labels normalized under the chosen conventions to this file (.tsv, .csv, .jsonl).")
    var writeNormalized: String?

    @Option(help: "Conventions --write-normalized imposes, comma-separated from: \(ConventionKind.allCases.map(\.rawValue).joined(separator: ", ")) (default: the majority's neutral forms).")
    var normalizeConventions: String?

    @Option(help: "Clips and findings listed per section of the text report.")
    var limit: Int = 10

    @Flag(help: "Write one JSON object per input (labels, manifest) per line.")
    var json = false

    @Flag(help: "Write the flagged rows (pairs, clips, manifest findings) as CSV.")
    var csv = false

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if labels == nil && manifest == nil { throw ValidationError("give a labels file, --manifest, or both") }
        if json && csv { throw ValidationError("--json and --csv are exclusive") }
        if WerCommand.parseRate(maxClipWer) == nil { throw ValidationError("--max-clip-wer must be a fraction (0.2) or a percentage (20%)") }
        if let maxInconsistency, WerCommand.parseRate(maxInconsistency) == nil {
            throw ValidationError("--max-inconsistency must be a fraction (0.05) or a percentage (5%)")
        }
        if let normalizeConventions, Self.conventions(normalizeConventions) == nil {
            throw ValidationError("--normalize-conventions takes kinds from: \(ConventionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let expectedRate, expectedRate <= 0 { throw ValidationError("--expected-rate must be positive") }
        if limit < 0 { throw ValidationError("--limit must be ≥ 0") }
        if writeNormalized != nil && labels == nil { throw ValidationError("--write-normalized needs a labels file") }
        let inputs = [labels, manifest, lexicon].compactMap { $0 }
        for out in [output, hlp, writeNormalized].compactMap({ $0 }) where inputs.contains(out) {
            throw ValidationError("\(out): outputs never overwrite an input file")
        }
        do { _ = try AllowedCharacters(allowedChars) } catch { throw ValidationError("--allowed-chars: \(error)") }
    }

    static func conventions(_ text: String) -> ConventionSet? {
        var kinds: [ConventionKind] = []
        for name in text.split(separator: ",") {
            guard let kind = ConventionKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            kinds.append(kind)
        }
        return ConventionSet(kinds)
    }

    func run() async throws {
        var failed = false
        func fail(_ message: String) {
            FileHandle.standardError.write(Data("earshot audit: \(message)\n".utf8))
            failed = true
        }
        var labelReport: LabelAuditReport?
        var verification: VerificationReport?
        do {
            if let labels {
                let set = try LabelReader.read(path: labels, format: format)
                let options = LabelAudit.Options(flagThreshold: WerCommand.parseRate(maxClipWer) ?? 0.2)
                let bar = ProgressBar(total: set.records.count, label: "auditing")
                let report = LabelAudit(options: options).run(set, source: labels) { rows in
                    for _ in 0..<rows { bar.advance() }
                }
                bar.finish()
                report.problems.forEach(fail)
                labelReport = report
                if let hlp { try Self.write(report.humanLevel.tsv(), to: hlp) }
                if let writeNormalized {
                    let chosen = normalizeConventions.flatMap(Self.conventions) ?? report.chosenConventions
                    try NormalizedLabelsWriter.write(NormalizedLabelsWriter.normalized(set.records, conventions: chosen),
                                                     to: writeNormalized, inputs: [labels])
                }
            }
            if let manifest {
                verification = try verify(manifest)
                verification?.problems.forEach(fail)
                for finding in verification?.findings ?? [] where finding.check == .missingAudio || finding.check == .unreadableAudio {
                    fail("\(manifest):\(finding.line): \(finding.detail)")
                }
            }
        } catch {
            fail("\(error)")
            throw EarshotExit.someInputsFailed
        }

        try emit(labelReport, verification)
        if let maxInconsistency, let rate = WerCommand.parseRate(maxInconsistency), let labelReport,
           labelReport.inconsistencyRate > rate {
            throw EarshotExit.gateExceeded
        }
        if failed { throw EarshotExit.someInputsFailed }
    }

    func verify(_ manifest: String) throws -> VerificationReport {
        let options = DataVerifier.Options(allowedCharacters: try AllowedCharacters(allowedChars),
                                           lexicon: try lexicon.map { try WordList.read(path: $0) },
                                           expectedSampleRate: expectedRate)
        let entries = try ManifestReader.read(path: manifest)
        let progress = ProgressBar(total: entries.entries.count, label: "verifying")
        var report = DataVerifier(options: options).verify(entries.entries, manifestPath: manifest) { progress.advance(failed: $0) }
        progress.finish()
        report.problems = entries.problems.map(\.description)
        return report
    }

    func emit(_ labelReport: LabelAuditReport?, _ verification: VerificationReport?) throws {
        var rendered = ""
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let labelReport { rendered += String(decoding: try encoder.encode(AuditJSONLine(labels: labelReport)), as: UTF8.self) + "\n" }
            if let verification { rendered += String(decoding: try encoder.encode(AuditJSONLine(manifest: verification)), as: UTF8.self) + "\n" }
        } else if csv {
            rendered = AuditCSV.rows(labels: labelReport, verification: verification)
        } else {
            rendered = [labelReport?.text(limit: limit), verification?.text(limit: limit)].compactMap { $0 }.joined(separator: "\n")
        }
        if let output { try Self.write(rendered, to: output) } else { FileHandle.standardOutput.write(Data(rendered.utf8)) }
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// One line of `--json`: which input it describes, and its report.
struct AuditJSONLine: Encodable {
    var input: String
    var labels: LabelAuditReport?
    var manifest: VerificationReport?

    init(labels: LabelAuditReport) { input = "labels"; self.labels = labels }
    init(manifest: VerificationReport) { input = "manifest"; self.manifest = manifest }
}

extension LabelReader.Format: ExpressibleByArgument {}
