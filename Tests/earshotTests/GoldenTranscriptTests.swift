import EarshotRecognizer
import EarshotScoring
import EarshotTestSupport
import Foundation
import Testing
@testable import earshot

/// The shipped default model pinned on the fixtures: every transcript exactly, every utterance
/// confidence to within `confidenceTolerance`, and each set's WER. A change to audio loading,
/// resampling, features, the network or the decoder that quietly changes recognition fails here.
///
/// When the model (or anything upstream of it) changes on purpose, regenerate the file and read
/// the WER it prints before committing it: `make golden`.
@Suite(.timeLimit(.minutes(5))) struct GoldenTranscriptTests {
    static let fixtures = TestFixtures.root
    /// The clean fixture clips and the same clips hardened (noise at 0–10 dB SNR, gain, telephone
    /// band, speed): the clean ones are easy, the hardened ones sit near decision boundaries and
    /// move first when recognition drifts.
    static let sets = ["clean": "recognizer/manifest.jsonl", "hardened": "recognizer/hard/manifest.jsonl"]
    static let goldenPath = fixtures.appendingPathComponent("recognizer/golden.json").path
    /// Room for the last bits of float arithmetic that differ between CPUs (OpenBLAS picks its
    /// kernels per machine); a real change to the model moves confidences far more.
    static let confidenceTolerance = 0.01

    struct GoldenRow: Codable, Equatable {
        var set: String
        var id: String
        var text: String
        var confidence: Double
    }

    struct Golden: Codable {
        /// WER (0–1) of each set, as `earshot wer` computes it.
        var wer: [String: Double]
        var rows: [GoldenRow]
    }

    static func transcribeFixtures() throws -> Golden {
        let recognizer = try Recognizer(bundle: try Recognizer.defaultBundle())
        var rows: [GoldenRow] = []
        var wer: [String: Double] = [:]
        for (set, relative) in sets.sorted(by: { $0.key < $1.key }) {
            let manifest = fixtures.appendingPathComponent(relative).path
            var entries: [TranscriptEntry] = []
            for (line, item) in try TranscribeCommand.manifestItems(manifest).enumerated() {
                let recognition = try recognizer.transcribe(recognizer.input(path: item.path), source: item.path)
                let id = try #require(item.id)
                rows.append(GoldenRow(set: set, id: id, text: recognition.transcript.text,
                                      confidence: (recognition.transcript.confidence * 1000).rounded() / 1000))
                entries.append(TranscriptEntry(id: id, text: recognition.transcript.text, line: line + 1))
            }
            let references = try TranscriptReader.read(path: manifest, role: .reference)
            let hypotheses = TranscriptFile(path: "golden", format: .jsonl, entries: entries, problems: [])
            wer[set] = CorpusScore.score(references: references, hypotheses: hypotheses).summary.wer
        }
        return Golden(wer: wer, rows: rows)
    }

    @Test func shippedModelMatchesItsGoldenTranscripts() throws {
        let now = try Self.transcribeFixtures()
        if ProcessInfo.processInfo.environment["EARSHOT_UPDATE_GOLDEN"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(now).write(to: URL(fileURLWithPath: Self.goldenPath))
            print("golden transcripts rewritten: \(Self.goldenPath); WER " +
                  now.wer.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f %%", 100 * $0.value))" }.joined(separator: ", "))
            return
        }
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: URL(fileURLWithPath: Self.goldenPath)))
        // Not vacuous: both sets are there, and the hardened clips hold errors, so a model that
        // got better or worse on them shows in the WER, not only in the transcripts.
        #expect(golden.rows.filter { $0.set == "clean" }.count == 13 && golden.rows.filter { $0.set == "hardened" }.count == 13)
        #expect((golden.wer["hardened"] ?? 0) > (golden.wer["clean"] ?? 1))
        #expect(now.rows.map { "\($0.set)/\($0.id)" } == golden.rows.map { "\($0.set)/\($0.id)" }, "the fixture sets changed: run make golden")
        for (row, pinned) in zip(now.rows, golden.rows) {
            #expect(row.text == pinned.text, "\(row.set)/\(row.id): \"\(row.text)\", golden \"\(pinned.text)\"")
            #expect(abs(row.confidence - pinned.confidence) <= Self.confidenceTolerance,
                    "\(row.set)/\(row.id): confidence \(row.confidence), golden \(pinned.confidence)")
        }
        for (set, pinned) in golden.wer {
            let measured = try #require(now.wer[set])
            #expect(abs(measured - pinned) < 1e-9, "\(set) WER \(measured), golden \(pinned)")
        }
    }
}
