#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// CPU seconds the calling thread has used: a per-file compute figure that a busy machine does
/// not inflate, unlike wall time.
enum ThreadCPUTime {
    static func seconds() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
