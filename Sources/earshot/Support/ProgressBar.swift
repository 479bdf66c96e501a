import Foundation
import Synchronization

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (quiet when piped or in CI). Safe to advance from many tasks.
final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var failed = 0
        var lastDraw = Date.distantPast
    }

    private let total: Int
    private let label: String
    private let enabled: Bool
    private let state = Mutex(State())

    init(total: Int, label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.label = label
        self.enabled = enabled && total > 1
    }

    /// Marks one item finished, successfully or not.
    func advance(failed: Bool = false) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.done += 1
            if failed { state.failed += 1 }
            let now = Date()
            // Redraw at most ten times a second, and always on the last item.
            guard state.done == total || now.timeIntervalSince(state.lastDraw) > 0.1 else { return nil }
            state.lastDraw = now
            return Self.render(label: label, done: state.done, failed: state.failed, total: total)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the bar so that following output starts on a clean line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    static func render(label: String, done: Int, failed: Int, total: Int, width: Int = 30) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let failures = failed > 0 ? " (\(failed) failed)" : ""
        return "\r\(label) [\(bar)] \(done)/\(total)\(failures)"
    }
}
