import ArgumentParser
import EarshotAudio
import Foundation

/// One input and the file it turns into.
struct AudioJob: Sendable, Equatable {
    var input: String
    var output: String
}

/// Runs a command over many inputs: each failure is reported on standard error with the file
/// and the reason and the rest still run. Returns false when any failed (exit code 1).
enum AudioBatch {
    static func run<Item>(_ items: [Item], label: String, name: (Item) -> String,
                          _ body: (Item) throws -> Void) -> Bool {
        let progress = ProgressBar(total: items.count, label: label)
        var failures = 0
        for item in items {
            do {
                try body(item)
                progress.advance()
            } catch {
                failures += 1
                progress.advance(failed: true)
                progress.finish()
                let message = (error as? AudioError)?.description ?? "\(name(item)): \(error)"
                FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            }
        }
        progress.finish()
        return failures == 0
    }

    /// Refuses an output that is the input itself, or any other input of the batch, so that
    /// no input is ever overwritten; creates the output's folder.
    static func prepare(_ job: AudioJob, allInputs: [String]) throws(AudioError) {
        let output = FileIdentity(path: job.output)
        for input in allInputs where FileIdentity(path: input) == output {
            throw .invalidArgument("\(job.output): refusing to overwrite the input \(input)")
        }
        let folder = URL(fileURLWithPath: job.output).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: job.output, reason: "cannot create \(folder.path): \(error.localizedDescription)")
        }
    }
}

/// Which file a path names: device and inode when it exists (catching hard links and
/// symlinks), else the resolved absolute path.
struct FileIdentity: Equatable {
    private let device: UInt64?
    private let inode: UInt64?
    private let resolved: String

    init(path: String) {
        resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var status = stat()
        if stat(path, &status) == 0 {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        } else {
            device = nil
            inode = nil
        }
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        if let da = a.device, let ia = a.inode, let db = b.device, let ib = b.inode { return da == db && ia == ib }
        return a.resolved == b.resolved
    }
}
