import ArgumentParser
import Dispatch
import EarshotAudio
import Foundation
import Synchronization

/// One input and the file it turns into.
struct AudioJob: Sendable, Equatable {
    var input: String
    var output: String
}

/// Runs a command over many inputs on all cores. Each failure is reported on standard error
/// with the file and the reason and the rest still run; results are reported in input order.
enum AudioBatch {
    private struct State<Output> {
        var results: [Result<Output, any Error>?]
        var nextToStart = 0
        var nextToReport = 0
        var failures = 0
    }

    /// Runs `work` on every item (in parallel) and hands each success to `report` (one at a
    /// time, in input order). Returns the outputs in input order, nil for failures, and
    /// whether all succeeded (exit code 1 otherwise).
    static func run<Item: Sendable, Output: Sendable>(
        _ items: [Item], label: String, name: @Sendable (Item) -> String,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        work: @Sendable (Item) throws -> Output,
        report: @Sendable (Item, Output) throws -> Void = { _, _ in }
    ) -> (outputs: [Output?], allSucceeded: Bool) {
        let progress = ProgressBar(total: items.count, label: label)
        let state = Mutex(State<Output>(results: Array(repeating: nil, count: items.count)))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            while let index = state.withLock({ state -> Int? in
                guard state.nextToStart < items.count else { return nil }
                defer { state.nextToStart += 1 }
                return state.nextToStart
            }) {
                let result = Result { try work(items[index]) }
                state.withLock { state in
                    state.results[index] = result
                    // Report every finished result whose predecessors are all reported.
                    while state.nextToReport < items.count, let done = state.results[state.nextToReport] {
                        let item = items[state.nextToReport]
                        state.nextToReport += 1
                        do {
                            try report(item, done.get())
                            progress.advance()
                        } catch {
                            state.failures += 1
                            progress.advance(failed: true)
                            progress.finish()
                            let text = (error as? AudioError)?.description ?? "\(error)"
                            let message = text.contains(name(item)) ? text : "\(name(item)): \(text)"
                            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
                        }
                    }
                }
            }
        }
        progress.finish()
        return state.withLock { state in
            (state.results.map { try? $0?.get() }, state.failures == 0)
        }
    }
}

/// Refuses an output that is any input of the batch, so that no input is ever overwritten,
/// and creates the output's folder.
struct AudioInputGuard: Sendable {
    private struct FileKey: Hashable { var device: UInt64; var inode: UInt64 }
    private let inputFiles: [FileKey: String]
    private let inputPaths: [String: String]

    init(inputs: [String]) {
        let keyed = inputs.compactMap { input in Self.key(of: input).map { ($0, input) } }
        inputFiles = Dictionary(keyed, uniquingKeysWith: { first, _ in first })
        inputPaths = Dictionary(inputs.map { (Self.resolved($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    func prepare(_ job: AudioJob) throws(AudioError) {
        // Same inode catches hard links and symlinks; the resolved path catches a not-yet-made output.
        if let victim = Self.key(of: job.output).flatMap({ inputFiles[$0] }) ?? inputPaths[Self.resolved(job.output)] {
            let what = victim == job.input ? "is this input itself" : "is the input \(victim)"
            throw .invalidArgument("\(job.input): the output \(job.output) \(what); refusing to overwrite an input")
        }
        let folder = URL(fileURLWithPath: job.output).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: job.output, reason: "cannot create \(folder.path): \(error.localizedDescription)")
        }
    }

    private static func key(of path: String) -> FileKey? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileKey(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
