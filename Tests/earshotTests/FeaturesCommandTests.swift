import ArgumentParser
import EarshotAudio
import EarshotFeatures
import EarshotTestSupport
import Foundation
import Testing
@testable import earshot

/// `earshot features` end to end, in process: files written, formats, batch failures.
@Suite(.timeLimit(.minutes(5))) struct FeaturesCommandTests {
    static let fixtures = TestFixtures.root.appendingPathComponent("audio")

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-features-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func run(_ arguments: [String]) async throws {
        let command = try FeaturesCommand.parse(arguments)
        try await command.run()
    }

    @Test func helpShowsExamples() {
        let help = FeaturesCommand.helpMessage()
        #expect(help.contains("Examples:"))
        #expect(help.contains("--num-mel-bins"))
        #expect(!help.contains("benchmark"))
    }

    @Test func writesNPYThatMatchesTheLibrary() async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = Self.fixtures.appendingPathComponent("fsdd/3_yweweler_11.wav").path
        try await run([input, "--out-dir", out.path, "--snip-edges", "false", "--num-mel-bins", "30"])
        let written = try NPYFormat.read(path: out.appendingPathComponent("3_yweweler_11.mfcc.npy").path)
        var config = FeatureConfig.mfcc
        config.snipEdges = false
        config.numMelBins = 30
        let waveform = try AudioFile.read(path: input)
        let expected = try FeatureExtractor(config: config, sampleRate: waveform.sampleRate).compute(waveform.samples)
        #expect(written == expected)
    }

    @Test func stereoIsAveragedToMono() async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let mono = try AudioFile.read(path: Self.fixtures.appendingPathComponent("fsdd/5_jackson_30.wav").path)
        // Left: the recording; right: the recording at half level.
        let stereo = Waveform(samples: mono.samples.flatMap { [$0, $0 / 2] }, sampleRate: mono.sampleRate, channelCount: 2)
        let path = out.appendingPathComponent("stereo.wav").path
        try AudioFile.writeWAV16(stereo, to: path)
        try await run([path, "--out-dir", out.path])
        let written = try NPYFormat.read(path: out.appendingPathComponent("stereo.mfcc.npy").path)
        let reread = try AudioFile.read(path: path).mono()
        let expected = try FeatureExtractor(config: .mfcc, sampleRate: mono.sampleRate).compute(reread.samples)
        #expect(written == expected)
        #expect(written.frames == 41)
    }

    @Test func fbankWithCMVNAndDeltasAsCSV() async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = Self.fixtures.appendingPathComponent("speech/timer.wav").path
        try await run([input, "--type", "fbank", "--num-mel-bins", "40", "--cmvn", "--deltas", "--format", "csv",
                       "--out-dir", out.path])
        let text = try String(contentsOf: out.appendingPathComponent("timer.fbank.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n")
        #expect(rows.count > 100)
        #expect(rows.allSatisfy { $0.split(separator: ",").count == 120 })
        // Per-utterance CMVN: each static column sums to about zero.
        let firstColumn = rows.compactMap { Double($0.split(separator: ",")[0]) }
        #expect(abs(firstColumn.reduce(0, +) / Double(firstColumn.count)) < 1e-3)
    }

    @Test func globalStatsAreWrittenThenApplied() async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let inputs = ["fsdd/0_george_0.wav", "fsdd/1_jackson_3.wav"].map { Self.fixtures.appendingPathComponent($0).path }
        let stats = out.appendingPathComponent("cmvn.json").path
        try await run(inputs + ["--out-dir", out.path, "--write-cmvn-stats", stats])
        let loaded = try CMVNStats.load(path: stats)
        #expect(loaded.count == 28 + 48 && loaded.dimension == 13)
        try await run(inputs + ["--out-dir", out.appendingPathComponent("normalized").path, "--cmvn-stats", stats,
                                "--format", "json"])
        let json = try Data(contentsOf: out.appendingPathComponent("normalized/0_george_0.mfcc.json"))
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["frames"] as? Int == 28 && object?["dimension"] as? Int == 13)
    }

    @Test func batchGoesPastFailuresAndExitsOne() async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let good = Self.fixtures.appendingPathComponent("fsdd/2_lucas_7.wav").path
        let short = out.appendingPathComponent("short.wav").path
        try AudioFile.writeWAV16(Waveform(samples: [Float](repeating: 0.1, count: 50), sampleRate: 8000), to: short)
        await #expect(throws: EarshotExit.someInputsFailed) {
            try await run([out.appendingPathComponent("missing.wav").path, good, short, "--out-dir", out.path])
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2_lucas_7.mfcc.npy").path))
        // Shorter than a frame: a note and zero frames, not a failure.
        let empty = try NPYFormat.read(path: out.appendingPathComponent("short.mfcc.npy").path)
        #expect(empty.frames == 0 && empty.dimensions == 13)
    }

    @Test func twoInputsNeverWriteTheSameOutput() async throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = Self.fixtures.appendingPathComponent("fsdd/2_lucas_7.wav").path
        let copy = out.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let second = copy.appendingPathComponent("2_lucas_7.wav").path
        try FileManager.default.copyItem(atPath: first, toPath: second)
        await #expect(throws: EarshotExit.someInputsFailed) {
            try await run([first, second, "--out-dir", out.path])
        }
        // The first input's output is kept, not replaced by the second's.
        let written = try NPYFormat.read(path: out.appendingPathComponent("2_lucas_7.mfcc.npy").path)
        #expect(written.frames > 0)
    }

    @Test func usageErrorsAreCaughtBeforeRunning() {
        #expect(throws: (any Error).self) { try FeaturesCommand.parse(["a.wav", "--cmvn", "--cmvn-stats", "s.json"]) }
        #expect(throws: (any Error).self) { try FeaturesCommand.parse(["a.wav", "--norm-vars"]) }
        #expect(throws: (any Error).self) { try FeaturesCommand.parse(["a.wav", "--type", "plp"]) }
        #expect(throws: (any Error).self) { try FeaturesCommand.parse(["a.wav", "--snip-edges", "maybe"]) }
    }
}
