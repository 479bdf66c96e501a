import NIOPosix
import Synchronization

/// Why the pool did not run a job.
public enum WorkerPoolRejection: Error, Sendable, Equatable {
    /// Every worker busy and the queue full: answer 503 now rather than queue without bound.
    case queueFull
    /// The job's deadline passed while it waited, or before it finished.
    case deadlinePassed
    /// The pool is shutting down.
    case closed
}

/// How long a job waited for a worker and how long it ran.
public struct JobTimings: Sendable, Equatable {
    public var queueWait: Duration
    public var compute: Duration
}

/// A fixed set of worker threads behind a bounded queue, so CPU-bound recognition never runs on
/// an event loop and overload turns into fast rejections instead of growing latency.
public final class WorkerPool: Sendable {
    public struct Load: Sendable, Equatable {
        /// Jobs waiting for a worker.
        public var queued: Int
        /// Jobs on a worker now.
        public var running: Int
    }

    private struct State {
        var admitted = 0  // waiting + running
        var running = 0
        var accepting = true
    }

    public let workers: Int
    public let queueCapacity: Int
    private let threads: NIOThreadPool
    private let state = Mutex(State())

    public init(workers: Int, queueCapacity: Int) {
        self.workers = max(1, workers)
        self.queueCapacity = max(0, queueCapacity)
        threads = NIOThreadPool(numberOfThreads: self.workers)
        threads.start()
    }

    public var load: Load {
        state.withLock { Load(queued: $0.admitted - $0.running, running: $0.running) }
    }

    /// Runs `work` on a worker, or throws `WorkerPoolRejection` at once when the queue is full
    /// (with `onlyIfIdle`, unless a worker is free now: low-priority work such as shadow copies
    /// never queues ahead of, or beside, client requests).
    /// The deadline is a promise about the answer: a job still queued at its deadline is dropped
    /// unrun; one still running at its deadline is abandoned by the caller (CPU work cannot be
    /// interrupted) and its slot frees when it ends; one that finishes after it is a
    /// `deadlinePassed` too. No result ever reaches the caller later than the deadline.
    public func run<T: Sendable>(
        deadline: ContinuousClock.Instant,
        onlyIfIdle: Bool = false,
        _ work: @escaping @Sendable () throws -> T
    ) async throws -> (value: T, timings: JobTimings) {
        try admit(capacity: onlyIfIdle ? workers : workers + queueCapacity)
        let submitted = ContinuousClock.now
        return try await withCheckedThrowingContinuation { continuation in
            let once = ResumeOnce(continuation)
            let timer = Task {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    once.resume(.failure(WorkerPoolRejection.deadlinePassed))
                } catch {}  // cancelled: the job answered first
            }
            threads.submit { [self] threadState in
                var ran = false
                defer {
                    timer.cancel()
                    release(ran: ran)
                }
                guard case .active = threadState else { return once.resume(.failure(WorkerPoolRejection.closed)) }
                let started = ContinuousClock.now
                guard started < deadline else { return once.resume(.failure(WorkerPoolRejection.deadlinePassed)) }
                state.withLock { $0.running += 1 }
                ran = true
                let result = Result { try work() }
                let finished = ContinuousClock.now
                // The deadline bounds the answer, not only the wait: a result ready after it is a
                // rejection even when the timer task has not run yet (a busy cooperative pool can
                // hold it back), so "late" never depends on which of the two is scheduled first.
                guard finished < deadline else { return once.resume(.failure(WorkerPoolRejection.deadlinePassed)) }
                let timings = JobTimings(queueWait: started - submitted, compute: finished - started)
                once.resume(result.map { ($0, timings) })
            }
        }
    }

    public var isAccepting: Bool { state.withLock { $0.accepting } }

    /// Refuses new jobs; those admitted still run.
    public func close() { state.withLock { $0.accepting = false } }

    /// Refuses new jobs and stops the threads once the admitted ones are done.
    public func shutdown() async {
        close()
        try? await threads.shutdownGracefully()
    }

    private func admit(capacity: Int) throws(WorkerPoolRejection) {
        let outcome: WorkerPoolRejection? = state.withLock { state in
            guard state.accepting else { return .closed }
            guard state.admitted < capacity else { return .queueFull }
            state.admitted += 1
            return nil
        }
        if let outcome { throw outcome }
    }

    private func release(ran: Bool) {
        state.withLock { state in
            state.admitted -= 1
            if ran { state.running -= 1 }
        }
    }
}

/// Resumes a continuation exactly once, whichever of the job and its deadline timer comes first.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = Mutex(continuation) }

    func resume(_ result: Result<T, any Error>) {
        let pending = continuation.withLock { stored in
            let pending = stored
            stored = nil
            return pending
        }
        pending?.resume(with: result)
    }
}
