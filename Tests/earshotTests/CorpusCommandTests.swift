import ArgumentParser
import EarshotTestSupport
import Foundation
import Testing
@testable import earshot

/// The `earshot corpus` commands, run as the real executable where a fresh process matters
/// (eSpeak NG's determinism is per process: see SpeechSynthesizer).
@Suite(.timeLimit(.minutes(5))) struct CorpusCommandTests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("earshot").path
    static let fixtures = TestFixtures.path("audio/fsdd")

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory(_ label: String = #function) throws -> String {
        try ScratchDirectory.make(label).path
    }

    /// Every file under `folder`, by relative path.
    static func contents(of folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in FileManager.default.enumerator(atPath: folder)?.compactMap({ $0 as? String }) ?? [] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
        }
        return files
    }

    @Test func helpShowsExamples() {
        let commands: [any ParsableCommand.Type] = [CorpusCommand.self, CorpusSynthCommand.self, CorpusAugmentCommand.self,
                                                    CorpusImportFSDDCommand.self, CorpusSplitCommand.self,
                                                    CorpusConvertCommand.self, CorpusInfoCommand.self]
        for command in commands {
            #expect(Earshot.helpMessage(for: command).contains("Examples:"), "\(command)")
        }
    }

    @Test func sameSeedGivesByteIdenticalCorpus() throws {
        let folder = try Self.temporaryDirectory()
        for (name, seed) in [("a", "3"), ("b", "3"), ("c", "4")] {
            let result = try Self.run(["corpus", "synth", "--count", "6", "--seed", seed, "--out", folder + "/" + name])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Self.contents(of: folder + "/a"), b = try Self.contents(of: folder + "/b"), c = try Self.contents(of: folder + "/c")
        #expect(a.count == 7)  // six WAVs and the manifest
        #expect(a == b)
        #expect(a["manifest.jsonl"] != c["manifest.jsonl"])
    }

    /// Both engines in one corpus, byte-identical from fresh processes; a bad engine is a usage error.
    @Test func allEnginesGiveAByteIdenticalCorpusTaggedByEngine() throws {
        let folder = try Self.temporaryDirectory()
        for name in ["a", "b"] {
            let result = try Self.run(["corpus", "synth", "--count", "10", "--seed", "8", "--engine", "all",
                                       "--voices", "en-us,awb,kal16,slt", "--out", folder + "/" + name])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Self.contents(of: folder + "/a"), b = try Self.contents(of: folder + "/b")
        #expect(a.count == 11 && a == b)
        let manifest = String(decoding: a["manifest.jsonl"] ?? Data(), as: UTF8.self)
        #expect(manifest.contains(#""source":"flite""#) && manifest.contains(#""source":"espeak-ng""#))
        let bad = try Self.run(["corpus", "synth", "--count", "1", "--engine", "festival", "--out", folder + "/c"])
        #expect(bad.status == 2 && bad.stderr.contains("--engine"))
    }

    @Test func importFSDDReportsBadFilesAndExitsOne() throws {
        let folder = try Self.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/rec", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/3_yweweler_11.wav", toPath: folder + "/rec/3_yweweler_11.wav")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/3_yweweler_11.wav", toPath: folder + "/rec/three.wav")
        let result = try Self.run(["corpus", "import-fsdd", folder + "/rec", "--out", folder + "/m/fsdd.jsonl", "--json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("three.wav: name is not {digit}_{speaker}_{take}.wav"))
        #expect(result.stdout.contains("\"utterances\":1"))
        let manifest = try String(contentsOfFile: folder + "/m/fsdd.jsonl", encoding: .utf8)
        #expect(manifest.contains("\"audio\":\"../rec/3_yweweler_11.wav\""))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try Self.run(["corpus", "augment", "in.jsonl", "--out", "x", "--noise", "rain"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown kind \"rain\""))
    }
}
