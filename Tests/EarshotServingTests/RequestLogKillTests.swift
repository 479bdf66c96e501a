import EarshotLoadTest
import EarshotTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// The request log's promise under the harshest stop: the real `earshot serve` process is
/// killed with SIGKILL (no handler, no flush, no checkpoint) while clients are still sending,
/// and every request that got an answer before the kill must have its row in the database.
@Suite(.timeLimit(.minutes(5))) struct RequestLogKillTests {
    /// The `earshot` executable SwiftPM builds beside the test bundle (as `swift test` does).
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("earshot").path
    static let fixtures = TestFixtures.root.appendingPathComponent("audio/fsdd")

    @Test(.timeLimit(.minutes(2))) func killNineLosesNoAnsweredRequestsRow() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable), "build the earshot executable first (swift build)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = directory + "/requests.db"
        let server = try ServerProcess(
            executable: Self.executable,
            arguments: ["serve", "--port", "0", "--workers", "2", "--queue", "64", "--request-log", database],
            logPath: directory + "/serve.log")
        let port = try await server.waitForPort()

        // Real speech (200, transcribed by the default model) and garbage (400) interleaved.
        let speech = try ["0_george_0.wav", "1_jackson_3.wav", "2_lucas_7.wav"].map {
            Array(try Data(contentsOf: Self.fixtures.appendingPathComponent($0)))
        }
        let bodies = speech + [Array("definitely not audio".utf8)]
        let answers = Answers()
        let killAfter = 30
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<6 {
                group.addTask {
                    // Each client keeps one connection busy until the server dies under it.
                    _ = try? await HTTPClientConnection.with(host: "127.0.0.1", port: port) { connection in
                        var index = client
                        while !answers.killed.load(ordering: .relaxed) {
                            let reply = try await connection.send(
                                method: "POST", path: "/v1/transcribe?filename=c\(client)-\(index).wav",
                                body: bodies[index % bodies.count], timeout: .seconds(30))
                            index += 1
                            let count = answers.add(id: reply.headers["x-request-id"] ?? "?", status: reply.status)
                            // SIGKILL the moment enough answers are in, with other requests in flight.
                            if count >= killAfter, !answers.killed.exchange(true, ordering: .relaxed) { server.kill() }
                        }
                    }
                }
            }
        }
        let status = server.waitForExit()
        #expect(status.reason == .uncaughtSignal && status.code == SIGKILL)
        let replies = answers.list.withLock { $0 }
        #expect(replies.count >= killAfter)
        #expect(Set(replies.map(\.status)) == [200, 400])
        // No graceful shutdown ran: the rows are still in the write-ahead log, not checkpointed.
        #expect(FileManager.default.fileExists(atPath: database + "-wal"))

        let rows = try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(db, sql: "SELECT request_id, status, transcript, model_name FROM requests")
        }
        var stored: [String: Row] = [:]
        for row in rows { stored[row["request_id"]] = row }
        for reply in replies {
            let row = try #require(stored[reply.id], "request \(reply.id) was answered \(reply.status) but has no row")
            #expect(row["status"] as Int? == reply.status)
            if reply.status == 200 {
                #expect(row["model_name"] as String? == "earshot-default")
                #expect((row["transcript"] as String?)?.isEmpty == false)
            }
        }
    }
}

/// The answers the clients received, and whether the server was killed yet.
final class Answers: Sendable {
    let list = Mutex<[(id: String, status: Int)]>([])
    let killed = Atomic<Bool>(false)

    /// Records one answer; returns how many there are now.
    func add(id: String, status: Int) -> Int {
        list.withLock { list in
            list.append((id, status))
            return list.count
        }
    }
}

/// A child process whose stdout and stderr go to a file, so a chatty server never blocks on a
/// full pipe.
final class ServerProcess: Sendable {
    private let process: Process
    private let logPath: String

    init(executable: String, arguments: [String], logPath: String) throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        self.logPath = logPath
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// The port from the server's "listening on HOST:PORT" log line.
    func waitForPort(timeout: Duration = .seconds(60)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on [^" ]+:(\d+)"#, options: .regularExpression),
               let port = Int(text[range].split(separator: ":").last ?? "") {
                return port
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        Issue.record("earshot serve did not report a port; its log:\n\(text.suffix(2000))")
        throw CancellationError()
    }

    func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }

    func waitForExit() -> (reason: Process.TerminationReason, code: Int32) {
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }
}
