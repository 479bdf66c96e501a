import EarshotAudio
import ArgumentParser
import EarshotLoadTest
import EarshotTestSupport
@testable import earshot
import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct ServeCommandTests {
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

    @Test func theDefaultModelServesRealTranscripts() throws {
        let recognizer = try ServeCommand.loadRecognizer(model: nil)
        #expect(recognizer.modelInfo.name == "earshot-default")
        let waveform = try AudioFile.read(path: "Fixtures/audio/speech/timer.wav")
        #expect(try recognizer.recognize(waveform).text == "set a timer for ten minutes")
    }

    @Test func aMissingModelFileIsNamed() {
        #expect {
            _ = try ServeCommand.loadRecognizer(model: "/nonexistent/model.earshot")
        } throws: { error in
            "\(error)".contains("/nonexistent/model.earshot")
        }
    }

    @Test func keyFilesHoldDigestsOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        let digest = String(repeating: "ab", count: 32)
        try "# staging\n\(digest)  -\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ServeCommand.readKeyHashes(path: path) == [digest])
        try "my-plain-key\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try ServeCommand.readKeyHashes(path: path) }
    }

    static let manifest = TestFixtures.path("serve/manifest.jsonl")

    @Test func loadtestAgainstNothingListeningExitsOne() async throws {
        // A port just released by the kernel: nothing listens there.
        let socket = try ServerSocketProbe.freePort()
        #expect(try LoadManifest.read(path: Self.manifest).count == 13)  // so the failure below is the network's
        let command = try LoadtestCommand.parse([
            "--url", "http://127.0.0.1:\(socket)", "--manifest", Self.manifest, "--concurrency", "1",
            "--duration", "0.2", "--max-windows", "1", "--json",
        ])
        await #expect(throws: ExitCode(1)) { try await command.run() }
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

/// Finds a loopback port with nothing listening by binding to port 0 and closing.
enum ServerSocketProbe {
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
