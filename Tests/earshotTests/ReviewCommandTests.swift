import ArgumentParser
import EarshotAudio
import EarshotDecoder
import EarshotPersistence
import EarshotRecognizer
@testable import earshot
import EarshotServing
import Foundation
import Logging
import Testing

@Suite(.timeLimit(.minutes(5))) struct ReviewCommandTests {
    @Test func helpShowsExamples() {
        #expect(ReviewCommand.helpMessage().contains("Examples:"))
        #expect(ReviewCommand.helpMessage().contains("live WER"))
        #expect(ReviewResolveCommand.helpMessage().contains("live WER"))
        #expect(ServeCommand.helpMessage().contains("--rollout"))
    }

    @Test func resolveAndExportRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("review.db").path
        let queue = try ReviewQueue(path: path)
        try await queue.enqueue(ReviewItem(
            requestID: "r1", createdAt: Date(), automation: "partial", modelName: "m", modelVersion: "1", suggestion: "call mum",
            confidence: 0.3, audioSeconds: 1, audioPath: nil, status: .pending, correctedTranscript: nil, resolvedAt: nil))
        let resolve = try ReviewResolveCommand.parse(["--queue", path, "--id", "r1", "--text", "call mom"])
        try await resolve.run()
        let output = directory.appendingPathComponent("out.jsonl").path
        try await ReviewExportCommand.parse(["--queue", path, "--status", "resolved", "--output", output]).run()
        let exported = try String(contentsOfFile: output, encoding: .utf8)
        #expect(exported.contains(#""corrected_transcript":"call mom""#))
        // A server on the same queue counts the resolution in its live WER: "call mum" vs "call mom".
        var configuration = ServerConfiguration()
        configuration.reviewQueuePath = path
        let server = try EarshotServer(
            configuration: configuration, models: ModelRegistry(primary: SilentRecognizer()), logger: .init(label: "test"))
        #expect(await server.countResolvedReviews() == 1)
        #expect(server.liveWER["m"]?.wer == 0.5)
        #expect(await server.countResolvedReviews() == 0)
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--automation", "robot"]) }
        let serve = try ServeCommand.parse(["--automation", "full", "--review-poll-seconds", "0.5"])
        #expect(serve.serverConfiguration(keyHashes: []).automation == .full)
        #expect(serve.serverConfiguration(keyHashes: []).reviewPollInterval == .milliseconds(500))
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--review-poll-seconds", "0"]) }
    }
}

/// A recognizer that hears nothing: the server needs one, this test never sends audio.
private struct SilentRecognizer: SpeechRecognizer {
    var modelInfo = ModelInfo(name: "silent", version: "0")
    func recognize(_ waveform: Waveform) throws -> Transcript { Transcript(words: [], confidence: 1) }
}
