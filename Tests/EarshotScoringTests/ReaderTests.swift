import Foundation
import Testing
@testable import EarshotScoring

@Suite(.timeLimit(.minutes(5))) struct ReaderTests {
    func parse(_ text: String, _ format: TranscriptFormat, role: TranscriptRole = .reference) -> TranscriptFile {
        TranscriptReader.parse(Data(text.utf8), path: "in.\(format.rawValue)", format: format, role: role)
    }

    @Test func kaldiText() {
        let file = parse("u1 hello world\r\n\nu2\tgood  bye\nu3\n", .kaldi)
        #expect(file.entries.map(\.id) == ["u1", "u2", "u3"])
        #expect(file.entries.map(\.text) == ["hello world", "good  bye", ""])
        #expect(file.entries.map(\.line) == [1, 3, 4])
        #expect(file.problems.isEmpty)
    }

    @Test func trnFormat() {
        let file = parse("hello world (spk_u1)\n(u2)\nno id here\n", .trn)
        #expect(file.entries.map(\.id) == ["spk_u1", "u2"])
        #expect(file.entries.first?.text == "hello world ")
        #expect(file.problems == [.malformedLine(path: "in.trn", line: 3, reason: "a trn line must end with '(utterance-id)'")])
    }

    @Test func tsvAndCsvWithHeaders() {
        let tsv = parse("id\ttext\tnoise\nu1\thello there\tcar\nu2\tbye\n", .tsv)
        #expect(tsv.entries.map(\.text) == ["hello there"])
        #expect(tsv.entries.first?.tags == ["noise": "car"])
        #expect(tsv.problems.first?.description == "in.tsv:3: malformed line: 2 fields, the header has 3")
        let csv = parse("utt_id,pred_text,text\nu1,\"hi, \"\"you\"\"\",ignored\n", .csv, role: .hypothesis)
        #expect(csv.entries.first?.text == "hi, \"you\"")
        let missing = parse("id,words\nu1,hello\n", .csv)
        #expect(missing.problems == [.missingColumn(path: "in.csv", column: "text")])
        #expect(missing.entries.isEmpty)
    }

    @Test func jsonlManifests() {
        let text = """
        {"audio_filepath": "a/1.wav", "duration": 1.5, "text": "hello", "pred_text": "hallo", "noise": "car", "snr": 5}
        {"id": "u2", "audio": "clips/u2.wav", "text": "bye", "speaker": "ann"}
        not json
        {"text": "no id"}

        """
        let hyp = parse(text, .jsonl, role: .hypothesis)
        #expect(hyp.entries.map(\.id) == ["a/1.wav", "u2"])
        #expect(hyp.entries.map(\.text) == ["hallo", "bye"])
        #expect(hyp.entries.first?.tags == ["noise": "car", "snr": "5"])
        // Earshot's own manifests name the audio `audio`: a path per utterance is no slice.
        #expect(hyp.entries.last?.tags == ["speaker": "ann"])
        #expect(hyp.problems.map(\.description) == ["in.jsonl:3: malformed line: not a JSON object",
                                                     "in.jsonl:4: malformed line: no 'id', 'utt_id' or 'audio_filepath' field"])
        #expect(parse(text, .jsonl).entries.first?.text == "hello")
    }

    @Test func duplicateIDsNameBothLines() {
        let file = parse("u1 a\nu2 b\nu1 c\n", .kaldi)
        #expect(file.entries.map(\.text) == ["a", "b"])
        #expect(file.problems.map(\.description) == ["in.kaldi:3: duplicate utterance id 'u1' (first seen on line 1)"])
        #expect(file.position(of: "u2") == 1)
        #expect(file.position(of: "u9") == nil)
    }

    @Test func formatFromExtension() {
        #expect(TranscriptFormat.detect(path: "x/preds.JSONL") == .jsonl)
        #expect(TranscriptFormat.detect(path: "hyp.trn") == .trn)
        #expect(TranscriptFormat.detect(path: "data/test/text") == .kaldi)
    }

    @Test func unreadableFileThrows() {
        #expect(throws: ScoringError.self) { try TranscriptReader.read(path: "/nonexistent/ref.txt", role: .reference) }
    }
}
