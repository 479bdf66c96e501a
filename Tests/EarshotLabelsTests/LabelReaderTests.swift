import Foundation
import Testing
@testable import EarshotLabels

@Suite(.timeLimit(.minutes(5))) struct LabelReaderTests {
    func parse(_ text: String, _ format: LabelReader.Format) throws -> LabelSet {
        try LabelReader.parse(Data(text.utf8), path: "in", format: format)
    }

    @Test func csvWithQuotesAndExtraColumnsAsTags() throws {
        let set = try parse("id,worker,transcript,noise\r\nc1,w1,\"Um, \"\"today's\"\" weather\",car\nc1,w2,today's weather,\n", .csv)
        #expect(set.records.count == 2)
        #expect(set.records[0].clipID == "c1" && set.records[0].annotator == "w1")
        #expect(set.records[0].text == "Um, \"today's\" weather")
        #expect(set.records[0].tags == ["noise": "car"])
        #expect(set.records[1].tags.isEmpty)
        #expect(set.records[1].line == 3)
    }

    @Test func byteOrderMarkIsNotPartOfTheHeader() throws {
        let set = try LabelReader.parse(Data([0xEF, 0xBB, 0xBF]) + Data("clip_id,text\nc1,hi\n".utf8), path: "in", format: .csv)
        #expect(set.records.map(\.clipID) == ["c1"])
    }

    @Test func jsonLinesKeepExtraFieldsAndNestedTags() throws {
        let text = """
            {"clip_id": "c1", "annotator": "a", "text": "hello", "accent": "scottish", "tags": {"noise": "car"}, "snr": 12}
            {"clip_id": "c1", "annotator": "b", "text": "hello", "tags": ["noise=car", "kids", "=", "", "x="], "checked": true}
            not json
            {"annotator": "c", "text": "hello"}
            """
        let set = try parse(text, .jsonl)
        #expect(set.records.count == 2)
        #expect(set.records[0].tags == ["accent": "scottish", "noise": "car", "snr": "12"])
        #expect(set.records[1].tags == ["noise": "car", "kids": "true", "checked": "true", "x": ""])
        #expect(set.problems.count == 2)
        #expect(set.problems[0].description == "in:3: invalid JSON")
    }

    @Test func aManifestReadsAsLabelsWithoutRecordingFields() throws {
        let set = try LabelReader.read(path: FixturePaths.manifest)
        #expect(set.records.count == 21)
        #expect(set.records[0].clipID == "m00" && set.records[0].text == "zero" && set.records[0].annotator == "#1")
        #expect(set.records[0].tags == ["speaker": "george"])
        #expect(set.records[5].tags == ["speaker": "jackson", "noise": "quiet"])
    }

    @Test func missingColumnsAndBadRowsAreNamed() throws {
        #expect(throws: LabelsError.missingColumn(path: "in", column: "text", header: "clip_id\\tannotator")) {
            try parse("clip_id\tannotator\nc1\ta\n", .tsv)
        }
        let set = try parse("clip_id\ttext\nc1\thello\nc1\nc1\thello there\n", .tsv)
        #expect(set.records.map(\.annotator) == ["#1", "#2"])
        #expect(set.problems == [.malformedLine(path: "in", line: 3, reason: "1 fields, the header has 2")])
        #expect(throws: LabelsError.self) { try parse("id,text\nc1,\"open\n", .csv) }
    }

    @Test func formatIsDetectedFromExtensionThenContent() {
        #expect(LabelReader.detectFormat(path: "x.jsonl", data: Data()) == .jsonl)
        #expect(LabelReader.detectFormat(path: "x.txt", data: Data("{\"id\":1}".utf8)) == .jsonl)
        #expect(LabelReader.detectFormat(path: "x.txt", data: Data("id\ttext\n".utf8)) == .tsv)
        #expect(LabelReader.detectFormat(path: "x", data: Data("id,text\n".utf8)) == .csv)
    }

    @Test func writeNormalizedAppliesChosenConventionsAndNeverReplacesTheInput() throws {
        let records = [LabelRecord(clipID: "c", annotator: "a", text: "Um, I'd like 2 tickets."),
                       LabelRecord(clipID: "c", annotator: "b", text: "check my voice mail", tags: ["noise": "car"]),
                       LabelRecord(clipID: "c", annotator: "c", text: "check my voicemail")]
        let normalized = NormalizedLabelsWriter.normalized(records, conventions: ConventionSet([.casing, .punctuation, .fillers]))
        #expect(normalized.map(\.text) == ["i'd like 2 tickets", "check my voice mail", "check my voicemail"])
        let everything = NormalizedLabelsWriter.normalized(records, conventions: .all)
        #expect(everything.map(\.text) == ["i would like two tickets", "check my voicemail", "check my voicemail"])

        let folder = FixturePaths.scratch()
        let output = folder.appendingPathComponent("out.tsv").path
        try NormalizedLabelsWriter.write(everything, to: output, inputs: [])
        let back = try LabelReader.read(path: output)
        #expect(back.records.map(\.text) == everything.map(\.text))
        #expect(back.records[1].tags == ["noise": "car"])
        let jsonl = folder.appendingPathComponent("out.jsonl").path
        try NormalizedLabelsWriter.write(everything, to: jsonl, inputs: [])
        #expect(try LabelReader.read(path: jsonl).records == back.records.map { var r = $0; r.line = $0.line - 1; return r })
        #expect(throws: LabelsError.self) { try NormalizedLabelsWriter.write(everything, to: output, inputs: [output]) }
    }
}
