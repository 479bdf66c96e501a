import CFFTW
import Synchronization

/// A single-precision real-to-complex FFTW plan of one size. The plan is immutable once made,
/// and FFTW's new-array execute (`fftwf_execute_dft_r2c`) is thread-safe, so one plan serves
/// every thread. Buffers passed to `execute` must be aligned at least as the planning buffers
/// (`fftwf_malloc`'s SIMD alignment); `FrameScratch` uses 64 bytes.
final class RealFFTPlan: @unchecked Sendable {
    let size: Int
    private let plan: fftwf_plan

    fileprivate init(size: Int, plan: fftwf_plan) {
        self.size = size
        self.plan = plan
    }

    /// `input`: `size` reals; `output`: `size / 2 + 1` complex values, interleaved.
    @inline(__always)
    func execute(input: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<fftwf_complex>) {
        fftwf_execute_dft_r2c(plan, input, output)
    }
}

/// The process's FFTW plans, one per size, made on first use and kept. FFTW's planner is
/// process-global and not thread-safe, so planning happens under one lock; this cache is the
/// one shared instance because that planner is shared too.
final class RealFFTPlanCache: Sendable {
    static let shared = RealFFTPlanCache()

    private let plans = Mutex<[Int: RealFFTPlan]>([:])

    func plan(size: Int) -> RealFFTPlan {
        plans.withLock { plans in
            if let plan = plans[size] { return plan }
            let input = fftwf_alloc_real(size)!
            let output = fftwf_alloc_complex(size / 2 + 1)!
            defer {
                fftwf_free(input)
                fftwf_free(output)
            }
            // ESTIMATE, not MEASURE: MEASURE times candidate algorithms and may pick another one
            // in the next process, changing the features' last bits from run to run. About
            // 15% slower, but the same input always gives the same bytes. PRESERVE_INPUT keeps
            // the zero padding of our input buffers intact.
            let flags = UInt32(FFTW_ESTIMATE) | UInt32(FFTW_PRESERVE_INPUT)
            let made = fftwf_plan_dft_r2c_1d(Int32(size), input, output, flags)!
            let plan = RealFFTPlan(size: size, plan: made)
            plans[size] = plan
            return plan
        }
    }
}
