import COpenBLAS
import Foundation

/// How many threads OpenBLAS may use inside one GEMM, decided by what the caller is doing.
///
/// OpenBLAS keeps a single process-wide thread count, and by default uses every core inside
/// each call. When Earshot already runs utterances in parallel (one per core), those threads
/// fight the other utterances for the same cores: 500 short files took 15.7 s that way and 2.0 s
/// with one BLAS thread each. So work that is parallel over utterances runs each GEMM on one
/// thread, and one large job (a training step, one long file) gets all cores.
/// `OPENBLAS_NUM_THREADS` (or `OMP_NUM_THREADS`) in the environment always wins.
/// Switch only between phases, never while GEMMs run on other threads.
public enum BLASThreads {
    /// What the next GEMMs are part of.
    public enum Workload: Sendable, Equatable {
        /// Many utterances at once, one per core: one BLAS thread each.
        case parallelUtterances
        /// One job that owns the machine: all cores inside each GEMM.
        case singleJob
    }

    /// Audio at least this long, transcribed alone, gets every core inside its GEMMs. Below it
    /// the matrices are too small for threads to pay: one 1-second file took 106 ms of CPU with
    /// OpenBLAS's threads started and 62 ms without (same wall time); a 36-second file gained
    /// 9 % of wall time for 65 % more CPU.
    public static let longUtteranceSeconds = 30.0

    /// The workload of one utterance transcribed on its own.
    public static func workload(forLoneUtteranceOf seconds: Double) -> Workload {
        seconds >= longUtteranceSeconds ? .singleJob : .parallelUtterances
    }

    /// The count the environment fixes, if any, as the process started.
    public static let environmentOverride: Int? = {
        let environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"] {
            if let value = environment[name].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), value > 0 { return value }
        }
        return nil
    }()

    /// The thread count `workload` gets here.
    public static func threads(for workload: Workload) -> Int {
        if let fixed = environmentOverride { return fixed }
        switch workload {
        case .parallelUtterances: return 1
        case .singleJob: return max(1, ProcessInfo.processInfo.activeProcessorCount)
        }
    }

    /// Sets OpenBLAS's thread count for `workload`.
    public static func use(_ workload: Workload) {
        let count = threads(for: workload)
        let library = OpenBLASLibrary.shared
        if library.getNumThreads() != count { library.setNumThreads(Int32(count)) }
    }
}
