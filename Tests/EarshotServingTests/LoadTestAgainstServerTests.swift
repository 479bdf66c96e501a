import EarshotLoadTest
@testable import EarshotServing
import Foundation
import Testing

/// The load tester against a live server: closed and open loop, with the server's timings.
@Suite(.timeLimit(.minutes(5))) struct LoadTestAgainstServerTests {
    @Test func sweepMeasuresThroughputLatencyAndServerTimings() async throws {
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(secondsPerAudioSecond: 0.1)) { configuration in
            configuration.workers = 2
            configuration.queueCapacity = 1
        }
        let items = try [0.5, 1.0, 1.5].enumerated().map { index, seconds in
            LoadItem(id: "u\(index)", path: "u\(index).wav", text: nil, bytes: try TestAudio.wav(seconds: seconds, sampleRate: 8000))
        }
        var options = LoadTestOptions()
        options.window = .milliseconds(400)
        // Three windows converge on an idle machine; on a loaded one a step may need more before
        // anything comes back (windows with no answers never count as converged).
        options.maxWindows = 8
        let runner = LoadRunner(target: try LoadTarget(url: "http://127.0.0.1:\(server.port)"), items: items, options: options)
        let steps = [
            await runner.runStep(.closedLoop(concurrency: 1)),
            await runner.runStep(.closedLoop(concurrency: 6)),
            await runner.runStep(.openLoop(ratePerSecond: 20)),
        ]
        let single = steps[0].summary
        #expect(single.requests >= 1)  // ~100 ms each, but a loaded machine may answer only one or two per window
        #expect(single.errorsByStatus.isEmpty)
        #expect(single.requestsPerSecond > 0)
        #expect(single.audioSecondsPerSecond > 0)
        #expect(single.p50Ms > 0 && single.p50Ms <= single.p95Ms && single.p95Ms <= single.maxMs)
        #expect((single.servedRealTimeFactor ?? 0) >= 0.1)  // the double holds its worker 0.1 s per audio second
        #expect(single.meanComputeMs != nil)
        // Six clients on two workers and a queue of one: some are turned away with 503.
        #expect(steps[1].summary.errorsByStatus["503"] ?? 0 > 0)
        #expect(steps[2].summary.requests >= 5)  // 20/s for at least 0.4 s: scheduled, answered or not
        #expect(steps.allSatisfy { !$0.windows.isEmpty && $0.windows.count <= 8 })
        let report = LoadReport(url: "http://127.0.0.1:\(server.port)", utterances: items.count, steps: steps)
        #expect(report.table().contains("rate=20/s"))
        try await server.stop()
    }

    @Test func openLoopLatencyCountsFromTheScheduleWhenRequestsLeaveLate() async throws {
        // One worker holding each request 0.2 s, one keep-alive connection, 20 requests/s due:
        // each request leaves only when the previous one is answered, later and later.
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(secondsPerAudioSecond: 0.2))
        let item = LoadItem(id: "u", path: "u.wav", text: nil, bytes: try TestAudio.wav(seconds: 1, sampleRate: 8000))
        var options = LoadTestOptions()
        options.window = .milliseconds(300)
        options.maxWindows = 1
        options.maxOutstanding = 1
        let runner = LoadRunner(target: try LoadTarget(url: "http://127.0.0.1:\(server.port)"), items: [item], options: options)
        let step = await runner.runStep(.openLoop(ratePerSecond: 20)).summary
        #expect(step.requests == 6 && step.errorsByStatus.isEmpty)  // 0, 50, …, 250 ms: all sent, none dropped
        // The sixth was due at 250 ms and answered at about 6 × 200 ms: measured from when it was
        // sent, it would look like 200 ms; from its schedule it is about 950 ms.
        #expect(step.maxMs > 700)
        #expect((step.meanComputeMs ?? 0) >= 190)
        try await server.stop()
    }

    /// Against a server that is gone, failures follow the schedule (one per due request, none
    /// before its time) instead of a lane burning through the window's schedule at once.
    @Test func openLoopFailuresAgainstADeadServerFollowTheRate() async throws {
        let server = try await TestServer.start()
        let port = server.port
        try await server.stop()  // nothing listens on the port now
        let item = LoadItem(id: "u", path: "u.wav", text: nil, bytes: try TestAudio.wav(seconds: 1, sampleRate: 8000))
        var options = LoadTestOptions()
        options.window = .milliseconds(500)
        options.maxWindows = 1
        let runner = LoadRunner(target: try LoadTarget(url: "http://127.0.0.1:\(port)"), items: [item], options: options)
        let step = await runner.runStep(.openLoop(ratePerSecond: 20)).summary
        #expect(step.succeeded == 0)
        #expect((8...12).contains(step.requests))  // 20/s for 0.5 s
        #expect(step.errorsByStatus == ["0": step.requests])
    }
}
