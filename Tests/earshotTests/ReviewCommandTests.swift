import ArgumentParser
@testable import earshot
import EarshotServing
import Foundation
import Testing

@Suite struct ReviewCommandTests {
    @Test func helpShowsExamples() {
        #expect(ReviewCommand.helpMessage().contains("Examples:"))
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
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--automation", "robot"]) }
        let serve = try ServeCommand.parse(["--automation", "full"])
        #expect(serve.serverConfiguration(keyHashes: []).automation == .full)
    }
}
