import ArgumentParser
import EarshotScoring
import EarshotText
import Foundation

/// `earshot wer`: scores hypotheses against references; parses arguments and calls EarshotScoring.
struct WerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wer",
        abstract: "Word error rate of a hypothesis file against a reference file, with error analysis.",
        discussion: """
        Inputs (format from the extension, or --ref-format/--hyp-format): Kaldi text \
        (`utt-id words...`), .tsv/.csv with `id` and `text` (or `pred_text`) columns, .jsonl \
        manifests (`id`, `text`, `pred_text`; other fields are tags), sclite .trn \
        (`words... (utt-id)`). Utterances pair by id; a reference without hypothesis is scored \
        as all deletions and listed; a hypothesis without reference is listed and skipped.

        Measures (pooled and per utterance): WER, MER, WIL, WIP, CER, SER, H/S/D/I. The default \
        alignment is jiwer 4.0's exactly; --align sclite reproduces NIST sclite (substitution 4, \
        insertion/deletion 3). An empty reference has WER = number of insertions (as jiwer 4).

        Slices: tags from manifest fields, --tags (`utt-id key=value ...`) or --utt2spk; each \
        tag value gets a WER with a seeded bootstrap 95% interval, and with --hlp (JSON \
        {"noise=car": 0.06} or TSV `noise=car<TAB>0.06`) the gap to human level and \
        priority = max(gap, 0) × share, sorted by priority.

        Exit codes: 0 ok, 1 unreadable input or skipped lines, 2 usage, 3 WER above --max-wer.

        Examples:
          earshot wer --ref data/test/text --hyp exp/decode/text
          earshot wer --ref test.jsonl --hyp preds.jsonl --align sclite --alignments
          earshot wer --ref ref.trn --hyp hyp.trn --json > wer.json
          earshot wer --ref text --hyp new.txt --compare old.txt --tags tags.txt
          earshot wer --ref text --hyp hyp.txt --tags tags.txt --hlp hlp.tsv
          earshot wer --ref text --hyp hyp.txt --max-wer 0.15 --csv
          earshot wer --ref text --hyp hyp.txt --normalize lowercase,strip-punctuation
        """)

    @Option(name: .customLong("ref"), help: "Reference transcripts.")
    var reference: String

    @Option(name: .customLong("hyp"), help: "Hypothesis transcripts (system A when comparing).")
    var hypothesis: String

    @Option(name: .customLong("compare"), help: "A second hypothesis file (system B) to compare with --hyp.")
    var compare: String?

    @Option(help: "Reference format: kaldi, tsv, csv, jsonl, trn (default: from the extension).")
    var refFormat: TranscriptFormat?

    @Option(help: "Hypothesis format (default: from the extension).")
    var hypFormat: TranscriptFormat?

    @Option(help: "Alignment convention: jiwer (default) or sclite.")
    var align: AlignmentConvention = .jiwer

    @Option(help: "Normalization: standard (default), whitespace, or comma-separated steps from: \(TextNormalizer.Step.allCases.map(\.rawValue).joined(separator: ", ")).")
    var normalize: String = TextNormalizer.standard.name

    @Option(help: "Tags file: `utt-id key=value key=value` per line.")
    var tags: String?

    @Option(help: "Kaldi utt2spk file (`utt-id speaker`) for the per-speaker table.")
    var utt2spk: String?

    @Flag(help: "Take speakers from utterance ids: the part before the first '_' or '-' (sclite spu_id).")
    var speakerFromId = false

    @Option(help: "Human-level WER per slice (JSON object or TSV `tag=value<TAB>wer`).")
    var hlp: String?

    @Option(help: "Only slice by these comma-separated tags (default: every tag).")
    var sliceBy: String?

    @Option(help: "Bootstrap replicates for the 95% intervals.")
    var bootstrap: Int = Bootstrap.defaultReplicates

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 0

    @Option(help: "Entries per confusion list.")
    var top: Int = 10

    @Flag(help: "Print per-utterance REF/HYP alignments (sclite pra style).")
    var alignments = false

    @Flag(help: "Write the report as one JSON object.")
    var json = false

    @Flag(help: "Write the report's tables as CSV.")
    var csv = false

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Exit with 3 when the corpus WER is above this (a fraction like 0.15, or 15%).")
    var maxWer: String?

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv are exclusive") }
        if TextNormalizer(specification: normalize) == nil {
            throw ValidationError("unknown normalization '\(normalize)'; use standard, whitespace or steps from: \(TextNormalizer.Step.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let maxWer, Self.parseRate(maxWer) == nil { throw ValidationError("--max-wer must be a fraction (0.15) or a percentage (15%)") }
        if bootstrap < 0 || bootstrap > 100_000 { throw ValidationError("--bootstrap must be between 0 and 100000") }
        if top < 0 { throw ValidationError("--top must be ≥ 0") }
        if let output, [reference, hypothesis, compare, tags, utt2spk, hlp].contains(output) {
            throw ValidationError("--output must not overwrite an input file")
        }
    }

    static func parseRate(_ text: String) -> Double? {
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value >= 0, value.isFinite else { return nil }
        return value
    }

    func run() async throws {
        let job = WerJob(
            referencePath: reference, hypothesisPath: hypothesis, comparePath: compare,
            referenceFormat: refFormat, hypothesisFormat: hypFormat,
            options: ScoringOptions(convention: align, normalizer: TextNormalizer(specification: normalize) ?? .standard,
                                    keepAlignments: alignments),
            tagsPath: tags, speakerPath: utt2spk, speakerFromID: speakerFromId, humanLevelPath: hlp,
            sliceTags: sliceBy.map { $0.split(separator: ",").map(String.init) },
            replicates: bootstrap, seed: seed, confusionLimit: top, maxWER: maxWer.flatMap(Self.parseRate))
        let report: WerReport
        do {
            report = try job.run()
        } catch {
            FileHandle.standardError.write(Data("earshot wer: \(error)\n".utf8))
            throw EarshotExit.someInputsFailed
        }
        for problem in report.problems { FileHandle.standardError.write(Data("earshot wer: \(problem)\n".utf8)) }

        let rendered: Data
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            rendered = try encoder.encode(report) + Data("\n".utf8)
        } else if csv {
            rendered = Data(report.csv().utf8)
        } else {
            rendered = Data(report.text(alignments: alignments).utf8)
        }
        if let output {
            try rendered.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(rendered)
        }
        if report.gateExceeded { throw EarshotExit.gateExceeded }
        if !report.problems.isEmpty { throw EarshotExit.someInputsFailed }
    }
}

extension TranscriptFormat: ExpressibleByArgument {}
extension AlignmentConvention: ExpressibleByArgument {}
