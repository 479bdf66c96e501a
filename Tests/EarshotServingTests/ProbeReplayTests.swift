import EarshotServing
import Foundation
import EarshotTestSupport
import Testing

/// A probe the server had no room for is not a recognition error: the replay reports nothing
/// (the gate stays pending) instead of a WER of 100 %.
@Suite(.timeLimit(.minutes(5))) struct ProbeReplayTests {
    @Test func aBusyServerGivesNoWERRatherThanAWrongOne() async throws {
        let directory = try BatchAndLogTests.temporaryDirectory()
        let wav = directory + "/two.wav"
        try Data(try TestAudio.wav(seconds: 2, sampleRate: 8000)).write(to: URL(fileURLWithPath: wav))
        try Data(#"{"audio": "two.wav", "text": "two seconds"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/probes.jsonl"))
        let probes = try ProbeSet(manifest: directory + "/probes.jsonl")
        let gate = Gate()
        let pool = WorkerPool(workers: 1, queueCapacity: 0)
        let engine = TranscriptionEngine(models: ModelRegistry(primary: DurationEchoRecognizer(gate: gate)), pool: pool, maxAudioSeconds: 60)

        // The only worker is held: the replay gives up after its attempts, with no WER.
        let occupying = Task { try await pool.run(deadline: .now + .seconds(30)) { gate.wait() } }
        try await eventually("the occupying job to run") { pool.load.running > 0 }
        #expect(await probes.wer(model: "duration-echo", engine: engine, timeout: .seconds(5), busyAttempts: 2) == nil)

        // Once there is room, the same set is scored.
        gate.open()
        _ = try await occupying.value
        #expect(await probes.wer(model: "duration-echo", engine: engine, timeout: .seconds(5)) == 0)
        await pool.shutdown()
    }
}
