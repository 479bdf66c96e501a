#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// CPU seconds the calling thread has used: a per-file compute figure that a busy machine does
/// not inflate, unlike wall time. It lives in the core module, below every stage,
/// so that each stage, from decoding audio to searching, is timed by the same clock.
public enum ThreadCPUTime {
    public static func seconds() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}

/// User + system CPU seconds of the whole process so far (every thread).
public enum ProcessCPUTime {
    public static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }
}
