import Foundation
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct ManifestTests {
    static let sample = Manifest(entries: [
        ManifestEntry(id: "u1", audio: "wav/u1.wav", text: "call five five five one two three four", duration: 2.5,
                      speaker: "en-us+f3", tags: ["voice": "en-us", "rate": "160"]),
        ManifestEntry(id: "u2", audio: "wav/u2.wav", text: "what's the weather in boston, \"today\"", duration: 1.25,
                      speaker: "en+m1", tags: [:]),
    ])

    @Test func jsonlRoundTrips() throws {
        let text = Self.sample.encodedJSONL()
        #expect(text.split(separator: "\n").count == 2)
        #expect(try Manifest.decode(jsonl: text, source: "m.jsonl") == Self.sample)
    }

    @Test func writesAndReadsFiles() throws {
        let folder = try TestSupport.temporaryDirectory()
        try Self.sample.write(to: folder + "/sub/manifest.jsonl")
        let read = try Manifest.read(path: folder + "/sub/manifest.jsonl")
        #expect(read == Self.sample)
        #expect(Manifest.audioPath(of: read.entries[0], manifestPath: folder + "/sub/manifest.jsonl") == URL(fileURLWithPath: folder + "/sub/wav/u1.wav").standardizedFileURL.path)
    }

    @Test func tagValuesMayBeNumbers() throws {
        let line = #"{"id":"a","audio":"a.wav","text":"hi","duration":1,"speaker":"s","tags":{"snr":10,"speed":1.1,"clean":true}}"#
        let manifest = try Manifest.decode(jsonl: line, source: "m")
        #expect(manifest.entries[0].tags == ["snr": "10", "speed": "1.1", "clean": "true"])
    }

    @Test func malformedLinesNameFileAndLine() {
        let good = #"{"id":"a","audio":"a.wav","text":"hi","duration":1,"speaker":"s","tags":{}}"#
        let cases: [(String, String)] = [
            (good + "\n\n" + #"{"id":"b","audio":"b.wav","text":"hi","speaker":"s"}"#, "m.jsonl:3: missing field \"duration\""),
            (good + "\nnot json", "m.jsonl:2: not a JSON object"),
            (#"{"id":"a b","audio":"a.wav","text":"hi","duration":1,"speaker":"s"}"#, "m.jsonl:1: id \"a b\" contains white space"),
            (#"{"id":"a","audio":"a.wav","text":"hi","duration":-1,"speaker":"s"}"#, "m.jsonl:1: utterance a: duration -1.0"),
        ]
        for (text, expected) in cases {
            #expect {
                try Manifest.decode(jsonl: text, source: "m.jsonl")
            } throws: { error in
                String(describing: error).hasPrefix(expected)
            }
        }
        #expect(throws: CorpusError.invalidFile(file: "m.jsonl", reason: "utterance id \"a\" appears more than once")) {
            try Manifest.decode(jsonl: good + "\n" + good, source: "m.jsonl")
        }
    }

    @Test func rebasingRewritesRelativePaths() {
        let moved = Self.sample.rebased(from: "/data/corpus/manifest.jsonl", to: "/data/splits/train.jsonl")
        #expect(moved.entries[0].audio == "../corpus/wav/u1.wav")
        let elsewhere = Self.sample.rebased(from: "/data/corpus/manifest.jsonl", to: "/other/train.jsonl")
        #expect(elsewhere.entries[0].audio == "/data/corpus/wav/u1.wav")
        let inside = Self.sample.rebased(from: "/data/corpus/manifest.jsonl", to: "/data/all.jsonl")
        #expect(inside.entries[0].audio == "corpus/wav/u1.wav")
    }

    @Test func csvRoundTripsQuotesCommasAndTags() throws {
        let csv = ManifestCSV.encode(Self.sample)
        #expect(csv.hasPrefix("id,audio,text,duration,speaker,tags\n"))
        #expect(csv.contains("rate=160;voice=en-us"))
        #expect(try ManifestCSV.decode(csv, source: "m.csv") == Self.sample)
    }

    @Test func csvErrorsNameTheLine() {
        let header = "id,audio,text,duration,speaker,tags\n"
        #expect { try ManifestCSV.decode(header + "a,a.wav,hi,1,s,\nb,b.wav,hi,long,s,\n", source: "m.csv") } throws: {
            String(describing: $0) == "m.csv:3: duration \"long\" is not a number"
        }
        #expect { try ManifestCSV.decode(header + "a,a.wav,hi,1\n", source: "m.csv") } throws: {
            String(describing: $0) == "m.csv:2: 4 fields where the header has 6"
        }
        #expect { try ManifestCSV.decode("id,text\n", source: "m.csv") } throws: {
            String(describing: $0) == "m.csv:1: header lacks the column \"audio\""
        }
        #expect { try ManifestCSV.decode(header + "a,a.wav,\"open,1,s,\n", source: "m.csv") } throws: {
            String(describing: $0) == "m.csv:2: quoted field is not closed"
        }
    }

    @Test func kaldiRoundTrips() throws {
        let folder = try TestSupport.temporaryDirectory()
        let manifestPath = folder + "/corpus/manifest.jsonl"
        try Self.sample.write(to: manifestPath)
        try KaldiDataDirectory.export(Self.sample, manifestPath: manifestPath, to: folder + "/kaldi")
        let text = try String(contentsOfFile: folder + "/kaldi/text", encoding: .utf8)
        #expect(text.hasPrefix("u1 call five five five one two three four\n"))
        let spk2utt = try String(contentsOfFile: folder + "/kaldi/spk2utt", encoding: .utf8)
        #expect(spk2utt == "en+m1 u2\nen-us+f3 u1\n")
        let back = try KaldiDataDirectory.importDirectory(folder + "/kaldi", manifestDirectory: folder + "/corpus")
        var expected = Self.sample
        for index in expected.entries.indices { expected.entries[index].tags = [:] }  // Kaldi has no tags
        #expect(back == expected)
    }

    @Test func kaldiImportReadsSegmentsAndDecodesDurations() throws {
        let folder = try TestSupport.temporaryDirectory()
        let wav = TestSupport.fsddFixtures + "/0_george_0.wav"
        try "rec1 \(wav)\n".write(toFile: folder + "/wav.scp", atomically: true, encoding: .utf8)
        try "seg-a zero\nseg-b oh\n".write(toFile: folder + "/text", atomically: true, encoding: .utf8)
        try "seg-a rec1 0.00 0.10\nseg-b rec1 0.10 0.25\n".write(toFile: folder + "/segments", atomically: true, encoding: .utf8)
        let manifest = try KaldiDataDirectory.importDirectory(folder, manifestDirectory: folder)
        #expect(manifest.entries.map(\.text) == ["zero", "oh"])
        #expect(abs(manifest.entries[1].duration - 0.15) < 1e-9)
        #expect(manifest.entries[1].tags["segment_start"] == "0.10")
        #expect(manifest.entries[0].speaker == "seg-a")

        // Without segments or utt2dur, the duration comes from the audio itself.
        try FileManager.default.removeItem(atPath: folder + "/segments")
        try "rec1 \(wav)\n".write(toFile: folder + "/wav.scp", atomically: true, encoding: .utf8)
        try "rec1 zero\n".write(toFile: folder + "/text", atomically: true, encoding: .utf8)
        let whole = try KaldiDataDirectory.importDirectory(folder, manifestDirectory: folder)
        #expect(whole.entries[0].duration > 0.2 && whole.entries[0].duration < 1.5)
    }

    @Test func kaldiSegmentsRoundTrip() throws {
        let folder = try TestSupport.temporaryDirectory()
        let segments = Manifest(entries: [
            ManifestEntry(id: "r1-a", audio: "long.wav", text: "call mom", duration: 1.5, speaker: "spk",
                          tags: ["segment_recording": "r1", "segment_start": "0.5", "segment_end": "2.0"]),
            ManifestEntry(id: "r1-b", audio: "long.wav", text: "play jazz", duration: 1, speaker: "spk",
                          tags: ["segment_recording": "r1", "segment_start": "2.0", "segment_end": "3.0"]),
        ])
        try KaldiDataDirectory.export(segments, manifestPath: folder + "/m.jsonl", to: folder + "/kaldi")
        #expect(try String(contentsOfFile: folder + "/kaldi/segments", encoding: .utf8) == "r1-a r1 0.5 2.0\nr1-b r1 2.0 3.0\n")
        #expect(try String(contentsOfFile: folder + "/kaldi/wav.scp", encoding: .utf8) == "r1 \(folder)/long.wav\n")
        let back = try KaldiDataDirectory.importDirectory(folder + "/kaldi", manifestDirectory: folder)
        #expect(back == segments)
    }

    @Test func kaldiErrorsNameFileAndLine() throws {
        let folder = try TestSupport.temporaryDirectory()
        try "a /x/a.wav\nb sox b.wav -t wav - |\n".write(toFile: folder + "/wav.scp", atomically: true, encoding: .utf8)
        try "a hi\nb there\n".write(toFile: folder + "/text", atomically: true, encoding: .utf8)
        #expect { try KaldiDataDirectory.importDirectory(folder, manifestDirectory: folder) } throws: {
            String(describing: $0) == "\(folder)/wav.scp:2: recording b is a command pipe; only file paths can be imported"
        }
        try "a /x/a.wav\n".write(toFile: folder + "/wav.scp", atomically: true, encoding: .utf8)
        try "a 1.0\nb\n".write(toFile: folder + "/utt2dur", atomically: true, encoding: .utf8)
        #expect { try KaldiDataDirectory.importDirectory(folder, manifestDirectory: folder) } throws: {
            String(describing: $0).hasPrefix("\(folder)/utt2dur:2: expected")
        }
    }
}
