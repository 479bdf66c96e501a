@testable import EarshotLoadTest
import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct LoadStatsTests {
    static func samples(latenciesMs: [Int], status: Int = 200) -> [LoadSample] {
        latenciesMs.map { ms in
            LoadSample(completedAt: .milliseconds(ms), latency: .milliseconds(ms), status: status,
                       audioSeconds: 2, queueMs: 1, computeMs: 100)
        }
    }

    @Test func percentilesThroughputAndServerTimings() {
        let stats = WindowStats(samples: Self.samples(latenciesMs: Array(1...100)) + Self.samples(latenciesMs: [5], status: 503), seconds: 2)
        #expect(stats.requests == 101)
        #expect(stats.succeeded == 100)
        #expect(stats.errorsByStatus == ["503": 1])
        #expect(stats.requestsPerSecond == 50)
        #expect(stats.audioSecondsPerSecond == 100)
        #expect(abs(stats.p50Ms - 50) <= 1)
        #expect(abs(stats.p99Ms - 99) <= 1)
        #expect(abs(stats.maxMs - 100) <= 0.1)
        #expect(stats.servedRealTimeFactor == 0.05)
        #expect(stats.meanComputeMs == 100)
    }

    /// Many instant 503s (a full queue) must not make the latency look better.
    @Test func failedRequestsStayOutOfThePercentiles() {
        let stats = WindowStats(samples: Self.samples(latenciesMs: Array(repeating: 200, count: 10))
                                + Self.samples(latenciesMs: Array(repeating: 1, count: 90), status: 503), seconds: 1)
        #expect(stats.errorsByStatus == ["503": 90] && stats.succeeded == 10)
        #expect(abs(stats.p50Ms - 200) <= 1 && abs(stats.maxMs - 200) <= 1)
        let allFailed = WindowStats(samples: Self.samples(latenciesMs: [3, 4], status: 503), seconds: 1)
        #expect(allFailed.p99Ms == 0 && allFailed.maxMs == 0)
    }

    /// `--json` uses snake_case like the rest of Earshot, and the mode reads back.
    @Test func reportJSONIsSnakeCaseAndRoundTrips() throws {
        for mode in [LoadMode.closedLoop(concurrency: 4), .openLoop(ratePerSecond: 12.5)] {
            let data = try JSONEncoder().encode(mode)
            #expect(try JSONDecoder().decode(LoadMode.self, from: data) == mode)
        }
        #expect(String(decoding: try JSONEncoder().encode(LoadMode.closedLoop(concurrency: 4)), as: UTF8.self).contains(#""kind":"closed_loop""#))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LoadMode.self, from: Data(#"{"kind": "burst"}"#.utf8)) }
        let report = LoadReport(url: "http://x", utterances: 1, steps: [])
        let keys = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]).keys
        #expect(keys.allSatisfy { $0 == $0.lowercased() })
    }

    @Test func emptyWindowIsAllZeros() {
        let stats = WindowStats(samples: [], seconds: 1)
        #expect(stats.requests == 0 && stats.p95Ms == 0 && stats.servedRealTimeFactor == nil)
    }

    @Test func stableOnlyWhenLastThreeAgreeWithinTolerance() {
        func window(_ rps: Double, _ p95: Double) -> WindowStats {
            var stats = WindowStats(samples: [], seconds: 1)
            stats.requestsPerSecond = rps
            stats.p95Ms = p95
            return stats
        }
        #expect(!Convergence.isStable([window(10, 100), window(10, 100)]))
        #expect(Convergence.isStable([window(1, 900), window(10, 100), window(10.5, 104), window(9.6, 98)]))
        #expect(!Convergence.isStable([window(10, 100), window(10, 100), window(13, 100)]))
        #expect(!Convergence.isStable([window(10, 100), window(10, 100), window(10, 150)]))
        // Windows where nothing came back do not count as agreeing.
        #expect(!Convergence.isStable([window(0, 0), window(0, 0), window(0, 0)]))
    }

    @Test func kneeIsWhereLatencyBendsOrThroughputFlattens() {
        func step(_ c: Int, _ rps: Double, _ p95: Double) -> StepResult {
            var stats = WindowStats(samples: [], seconds: 1)
            stats.requestsPerSecond = rps
            stats.p95Ms = p95
            return StepResult(mode: .closedLoop(concurrency: c), label: "c=\(c)", windows: [stats], stable: true, summary: stats)
        }
        let report = LoadReport(url: "u", utterances: 1, steps: [step(1, 10, 100), step(2, 19, 105), step(4, 20, 200)])
        #expect(report.kneeLabel == "c=4")
        #expect(report.saturationRequestsPerSecond == 20)
        let table = report.table()
        #expect(table.contains("c=2"))
        #expect(table.contains("latency bends at: c=4"))
        let json = try? JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        #expect((json?["steps"] as? [Any])?.count == 3)
    }
}

@Suite(.timeLimit(.minutes(5))) struct LoadInputTests {
    @Test func targetURLs() throws {
        #expect(try LoadTarget(url: "http://127.0.0.1:8080") == LoadTarget(host: "127.0.0.1", port: 8080, path: "/v1/transcribe"))
        #expect(try LoadTarget(url: "http://localhost:9/v1/transcribe/x").path == "/v1/transcribe/x")
        #expect(throws: LoadTestError.self) { try LoadTarget(url: "https://example.org") }
        #expect(throws: LoadTestError.self) { try LoadTarget(url: "127.0.0.1:8080") }
    }

    @Test func manifestPathsAreRelativeToTheManifest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-lt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: directory.appendingPathComponent("a/x.wav"))
        let manifest = directory.appendingPathComponent("m.jsonl")
        try Data("{\"audio\": \"a/x.wav\", \"id\": \"u1\", \"text\": \"hi\"}\n\n".utf8).write(to: manifest)
        let items = try LoadManifest.read(path: manifest.path)
        #expect(items.count == 1)
        #expect(items[0].id == "u1" && items[0].text == "hi" && items[0].bytes == [1, 2, 3])

        try Data("{\"audio\": \"missing.wav\"}\n".utf8).write(to: manifest)
        #expect(throws: LoadTestError.self) { try LoadManifest.read(path: manifest.path) }
        try Data("{\"id\": \"no audio\"}\n".utf8).write(to: manifest)
        #expect(throws: LoadTestError.self) { try LoadManifest.read(path: manifest.path) }
        try Data("not json\n".utf8).write(to: manifest)
        #expect(throws: LoadTestError.self) { try LoadManifest.read(path: manifest.path) }
    }
}
