import ArgumentParser
import EarshotLoadTest
import Foundation

/// `earshot loadtest`: measures a running server like Triton's perf_analyzer.
struct LoadtestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Measure a server's latency and throughput by replaying a manifest's audio.",
        discussion: """
        Closed loop (--concurrency): N clients, each sending as soon as its last answer came.
        Open loop (--rate): requests on a fixed schedule; latency counts from the scheduled time,
        so a stalled server cannot hide its stall (coordinated omission).
        Each step runs windows of --duration until the last three agree within 10% in
        throughput and p95 latency (at most --max-windows). The manifest is JSONL with an
        'audio' path relative to it. Only the given --url is ever contacted.

        Examples:
          earshot loadtest --url http://127.0.0.1:8080 --manifest Fixtures/serve/manifest.jsonl
          earshot loadtest --url http://127.0.0.1:8080 --manifest M --concurrency 1,2,4 --duration 3
          earshot loadtest --url http://127.0.0.1:8080 --manifest M --rate 5/s,10/s --json
        """)

    @Option(help: "Server base URL (http://HOST:PORT) or full transcribe URL.")
    var url: String

    @Option(help: "JSONL manifest of utterances to replay.")
    var manifest: String

    @Option(help: "Closed-loop concurrency steps, comma-separated (default 1,2,4,8,16 when no --rate).")
    var concurrency: String?

    @Option(help: "Open-loop rates, comma-separated, e.g. 20/s,40/s.")
    var rate: String?

    @Option(help: "Seconds per measurement window.")
    var duration = 5.0

    @Option(help: "Most windows per step.")
    var maxWindows = 6

    @Option(help: "Seconds before a request counts as failed (status 0).")
    var timeout = 60.0

    @Option(help: "API key sent as Authorization: Bearer.")
    var apiKey: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        _ = try steps()
        guard duration > 0, duration <= 600 else { throw ValidationError("--duration must be in (0, 600] seconds") }
        guard maxWindows >= 1 else { throw ValidationError("--max-windows must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        do { _ = try LoadTarget(url: url) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let items: [LoadItem]
        let target: LoadTarget
        do {
            target = try LoadTarget(url: url)
            items = try LoadManifest.read(path: manifest)
        } catch {
            FileHandle.standardError.write(Data("earshot loadtest: \(error)\n".utf8))
            throw EarshotExit.someInputsFailed
        }
        var options = LoadTestOptions()
        options.window = .milliseconds(Int64(duration * 1000))
        options.maxWindows = maxWindows
        options.requestTimeout = .milliseconds(Int64(timeout * 1000))
        if let apiKey { options.headers = [("Authorization", "Bearer \(apiKey)")] }
        let runner = LoadRunner(target: target, items: items, options: options)
        var results: [StepResult] = []
        for mode in try steps() {
            FileHandle.standardError.write(Data("step \(mode.label)...\n".utf8))
            results.append(await runner.runStep(mode))
        }
        let report = LoadReport(url: url, utterances: items.count, steps: results)
        print(json ? report.json() : report.table(), terminator: json ? "\n" : "")
        if results.allSatisfy({ $0.summary.succeeded == 0 }) {
            FileHandle.standardError.write(Data("earshot loadtest: no request succeeded against \(url)\n".utf8))
            throw EarshotExit.someInputsFailed
        }
    }

    func steps() throws -> [LoadMode] {
        var modes: [LoadMode] = []
        let levels = concurrency ?? (rate == nil ? "1,2,4,8,16" : nil)
        for piece in levels?.split(separator: ",") ?? [] {
            guard let level = Int(piece.trimmingCharacters(in: .whitespaces)), (1...4096).contains(level) else {
                throw ValidationError("--concurrency: '\(piece)' is not an integer in 1...4096")
            }
            modes.append(.closedLoop(concurrency: level))
        }
        for piece in rate?.split(separator: ",") ?? [] {
            let text = piece.trimmingCharacters(in: .whitespaces)
            let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
            guard let value = Double(number), value > 0, value <= 100_000 else {
                throw ValidationError("--rate: '\(piece)' is not a rate like 20/s")
            }
            modes.append(.openLoop(ratePerSecond: value))
        }
        return modes
    }
}
