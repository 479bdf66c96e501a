import Foundation
import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct TranscribeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test func helpShowsExamples() {
        let help = TranscribeCommand.helpMessage()
        #expect(help.contains("Examples:"))
        #expect(help.contains("--manifest"))
        #expect(help.contains("--shard"))
        #expect(TrainCommand.helpMessage().contains("Examples:"))
        #expect(TrainCommand.helpMessage().contains("--resume"))
    }

    @Test func validatesOptions() throws {
        #expect(throws: (any Error).self) { try TranscribeCommand.parse([]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["a.wav", "--manifest", "m.jsonl"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["a.wav", "--out", "h.jsonl"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["--manifest", "m.jsonl", "--shard", "4/4"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["--manifest", "m.jsonl", "--out", "m.jsonl"]) }
        #expect(throws: (any Error).self) { try TranscribeCommand.parse(["a.wav", "--beam", "0"]) }
        #expect(throws: (any Error).self) { try TrainCommand.parse(["--train", "t.jsonl", "--dev", "d.jsonl", "--out", "t.jsonl"]) }
        let command = try TranscribeCommand.parse(["--manifest", "m.jsonl", "--out", "h.jsonl", "--shard", "1/3"])
        #expect(command.shard == "1/3")
    }

    @Test func manifestRowsResolveAgainstTheManifest() throws {
        let items = try TranscribeCommand.manifestItems(Self.fixtures + "/recognizer/manifest.jsonl")
        #expect(items.count == 13)
        #expect(items.allSatisfy { FileManager.default.fileExists(atPath: $0.path) && $0.id != nil })
    }
}
