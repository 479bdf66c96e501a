import ArgumentParser
import EarshotAudio
import EarshotTestSupport
import Foundation
import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct AudioCommandTests {
    static let fixtures = TestFixtures.root.appendingPathComponent("audio")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    private func scratch(_ label: String = #function) throws -> URL {
        try ScratchDirectory.make(label)
    }

    @Test func everyAudioCommandHelpShowsExamples() {
        for command in [AudioCommand.self, AudioInfoCommand.self, AudioNormalizeCommand.self, AudioConvertCommand.self] as [any ParsableCommand.Type] {
            let help = command.helpMessage()
            #expect(help.contains("Examples:"), "\(command)")
            #expect(help.contains("earshot audio"), "\(command)")
        }
        #expect(Earshot.helpMessage().contains("audio"))
    }

    @Test func negativeTargetsParse() throws {
        let command = try AudioNormalizeCommand.parse(["--mode", "rms", "--target", "-20", "--ceiling", "-2", "a.wav", "b.wav"])
        #expect(command.options == NormalizationOptions(mode: .rms, target: -20, maxGainDB: 30, ceilingDBFS: -2))
        #expect(command.batch.jobs() == [AudioJob(input: "a.wav", output: "b.wav")])
    }

    @Test func usageErrors() {
        #expect(throws: (any Error).self) { try AudioConvertCommand.parse(["only-one.wav"]) }
        #expect(throws: (any Error).self) { try AudioConvertCommand.parse(["--out-dir", "o", "a/x.wav", "b/x.flac"]) }
        #expect(throws: (any Error).self) { try AudioConvertCommand.parse(["--rate", "0", "a.wav", "b.wav"]) }
        #expect(throws: (any Error).self) { try AudioNormalizeCommand.parse(["--mode", "peak", "--target", "3", "a.wav", "b.wav"]) }
        #expect(throws: (any Error).self) { try AudioNormalizeCommand.parse(["--mode", "loud", "a.wav", "b.wav"]) }
        #expect(throws: (any Error).self) { try AudioInfoCommand.parse([]) }
    }

    @Test func outDirMapsEachInputToAWAV() throws {
        let command = try AudioConvertCommand.parse(["--out-dir", "out", "a/one.flac", "b/two.wav"])
        #expect(command.batch.jobs().map(\.output) == ["out/one.wav", "out/two.wav"])
    }

    @Test func convertWritesMono16kHz() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("deep/out.wav").path
        let command = try AudioConvertCommand.parse(["--rate", "16000", "--format", "wavf32", Self.fixture("speech/timer.wav"), output])
        try command.run()
        let converted = try AudioFile.decode(path: output)
        #expect(converted.waveform.sampleRate == 16000)
        #expect(converted.waveform.channelCount == 1)
        #expect(converted.formatName.contains("float"))
    }

    @Test func normalizeBatchKeepsGoingPastFailuresAndExitsOne() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = try AudioNormalizeCommand.parse([
            "--mode", "lufs", "--target", "-23", "--out-dir", folder.path,
            Self.fixture("speech/call.wav"), "/nonexistent/missing.wav", Self.fixture("fsdd/4_george_22.wav"),
        ])
        #expect(throws: EarshotExit.someInputsFailed) { try command.run() }
        for name in ["call.wav", "4_george_22.wav"] {
            let stats = try AudioStats(measuring: AudioFile.read(path: folder.appendingPathComponent(name).path))
            #expect(abs(try #require(stats.integratedLUFS) - -23) <= 0.1)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesToOverwriteAnInput() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.wav").path
        try FileManager.default.copyItem(atPath: Self.fixture("speech/call.wav"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let link = folder.appendingPathComponent("link.wav").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        let hardLink = folder.appendingPathComponent("hard.wav").path
        try FileManager.default.linkItem(atPath: input, toPath: hardLink)
        for output in [input, folder.appendingPathComponent("./in.wav").path, link, hardLink] {
            let command = try AudioNormalizeCommand.parse(["--target", "-20", input, output])
            #expect(throws: EarshotExit.someInputsFailed) { try command.run() }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test func infoTableHasARowPerFile() throws {
        let stats = try [Self.fixture("fsdd/0_george_0.wav"), Self.fixture("speech/weather.wav")].map {
            try AudioStats(measuring: AudioFile.read(path: $0), file: URL(fileURLWithPath: $0).lastPathComponent)
        }
        let lines = AudioStatsTable.render(stats).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("file"))
        #expect(lines[1].hasPrefix("0_george_0.wav") && lines[1].contains("8000"))
        #expect(lines[2].hasPrefix("weather.wav") && lines[2].contains("22050"))
        #expect(AudioStatsTable.fixed(-0.00001, 4) == "0.0000")
        #expect(AudioStatsTable.fixed(nil, 1) == "-")
    }
}
