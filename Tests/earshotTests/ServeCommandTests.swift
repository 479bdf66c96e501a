import ArgumentParser
@testable import earshot
import Foundation
import Testing

@Suite struct ServeCommandTests {
    @Test func helpShowsExamples() {
        #expect(ServeCommand.helpMessage().contains("Examples:"))
        #expect(LoadtestCommand.helpMessage().contains("Examples:"))
    }

    @Test func optionsBecomeTheServerConfiguration() throws {
        let command = try ServeCommand.parse(["--port", "9000", "--workers", "3", "--queue", "5", "--timeout", "2.5",
                                              "--max-body-mb", "1", "--hash-transcripts"])
        let configuration = command.serverConfiguration(keyHashes: [])
        #expect(configuration.port == 9000 && configuration.workers == 3 && configuration.queueCapacity == 5)
        #expect(configuration.requestTimeout == .milliseconds(2500))
        #expect(configuration.maxBodyBytes == 1_048_576)
        #expect(configuration.hashTranscripts)
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--workers", "0"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--log-level", "loud"]) }
    }

    @Test func withoutAModelTheServerRefusesToStart() {
        #expect(throws: (any Error).self) { try ServeCommand.loadRecognizer(model: nil) }
    }

    @Test func keyFilesHoldDigestsOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        let digest = String(repeating: "ab", count: 32)
        try "# staging\n\(digest)  -\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ServeCommand.readKeyHashes(path: path) == [digest])
        try "my-plain-key\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try ServeCommand.readKeyHashes(path: path) }
    }

    @Test func loadtestStepsParse() throws {
        let both = try LoadtestCommand.parse(["--url", "http://127.0.0.1:1", "--manifest", "m", "--concurrency", "1,4", "--rate", "20/s,2.5"])
        #expect(try both.steps() == [.closedLoop(concurrency: 1), .closedLoop(concurrency: 4), .openLoop(ratePerSecond: 20), .openLoop(ratePerSecond: 2.5)])
        let defaults = try LoadtestCommand.parse(["--url", "http://127.0.0.1:1", "--manifest", "m"])
        #expect(try defaults.steps().count == 5)
        #expect(throws: (any Error).self) { try LoadtestCommand.parse(["--url", "http://h:1", "--manifest", "m", "--rate", "fast"]) }
        #expect(throws: (any Error).self) { try LoadtestCommand.parse(["--url", "https://h", "--manifest", "m"]) }
    }
}
