import ArgumentParser
import EarshotRecognizer
import EarshotScoring
import EarshotTraining
import Foundation

/// `earshot models calibrate`: fit a bundle's utterance-confidence calibration on labelled dev audio.
struct ModelsCalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate", abstract: "Calibrate a bundle's utterance confidence on labelled dev audio (Platt scaling).",
        discussion: """
        Every row of the manifests is transcribed with the raw confidence and scored right (no \
        error at all, after `earshot wer`'s normalization) or wrong; a logistic mapping of the \
        confidence's logit (Platt scaling) is fitted to those outcomes and stored in a new bundle, \
        so that a confidence of 0.8 is right about four times in five. Ranking is unchanged, so \
        the review queue's order is too; its threshold gets a meaning. Prints the expected \
        calibration error (ECE) before and after on the same rows (in-sample: measure held-out \
        sets with `earshot transcribe --manifest --out` and `earshot wer`). Use dev data, never \
        the test set. The input bundle is never modified.

        Examples:
          earshot models calibrate model.earshot --manifest dev.jsonl --out model-calibrated.earshot
          earshot models calibrate --manifest a.jsonl --manifest b.jsonl --json --out default-cal.earshot
        """)
    @Argument(help: "The bundle (default: the shipped model).") var bundle: String?
    @Option(help: "Labelled manifest (JSONL: audio, text); repeat for several.") var manifest: [String] = []
    @Option(help: "Bundle to write.") var out: String
    @Flag(help: "Print the fit and the calibration before and after as JSON.") var json = false

    func validate() throws {
        if manifest.isEmpty { throw ValidationError("give at least one --manifest of labelled dev audio") }
        try ModelsSetLMCommand.refuseOverwriting(bundle, with: out)
    }

    func run() async throws {
        let model = try bundle.map { try ModelBundle(path: $0) } ?? Recognizer.defaultBundle()
        let outcome = try ConfidenceCalibrator.calibrate(model, manifests: manifest)
        for failure in outcome.failures { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
        guard let calibration = outcome.calibration else {
            throw ValidationError("cannot calibrate on these rows: at least 20 transcribed, some right and some wrong, are needed (\(outcome.before?.utterances ?? 0) transcribed)")
        }
        try outcome.bundle.write(to: out)
        if json {
            let report = CalibrateReport(out: out, slope: calibration.slope, intercept: calibration.intercept,
                                         before: outcome.before, after: outcome.after, failures: outcome.failures.count)
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(String(format: "%@: confidence calibrated on %d utterances (slope %.3f, intercept %.3f); ECE %.3f -> %.3f in-sample, accuracy %.1f %%",
                         out, outcome.before?.utterances ?? 0, calibration.slope, calibration.intercept,
                         outcome.before?.expectedCalibrationError ?? 0, outcome.after?.expectedCalibrationError ?? 0,
                         100 * (outcome.before?.accuracy ?? 0)))
        }
        if !outcome.failures.isEmpty { throw EarshotExit.someInputsFailed }
    }
}

/// `models calibrate --json`.
struct CalibrateReport: Encodable {
    var out: String
    var slope: Double
    var intercept: Double
    var before: CalibrationReport?
    var after: CalibrationReport?
    var failures: Int
}
