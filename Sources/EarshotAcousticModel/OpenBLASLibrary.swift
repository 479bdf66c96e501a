import COpenBLAS
import Foundation

/// OpenBLAS, opened on first use instead of at process start.
///
/// Linked the usual way, OpenBLAS starts one thread per core in its load-time constructor, and
/// those threads spin for about 0.1 s before they sleep: 40 ms of CPU on two cores for every
/// `earshot` process, half the cost of transcribing one short file, even when no GEMM ever runs
/// on them. OpenBLAS reads its starting thread count only in that constructor, from
/// `OPENBLAS_NUM_THREADS`; so Earshot opens the library itself, with the variable at 1 unless
/// the user set one, and `BLASThreads` raises the count (OpenBLAS then starts the threads) only
/// for work that uses them.
struct OpenBLASLibrary: @unchecked Sendable {  // immutable C function pointers
    typealias SGEMM = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
        Float, UnsafeMutablePointer<Float>?, blasint) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetThreads = @convention(c) () -> Int32

    let sgemm: SGEMM
    let setNumThreads: SetThreads
    let getNumThreads: GetThreads

    /// The runtime library's names: Debian's soname first (any of its pthread, OpenMP or serial
    /// builds, as the alternatives system points), then the development link.
    static let candidates = ["libopenblas.so.0", "libopenblas.so"]

    static let shared: OpenBLASLibrary = {
        // Read the user's choice before touching the variable.
        let userSetThreads = BLASThreads.environmentOverride != nil
        if !userSetThreads { setenv("OPENBLAS_NUM_THREADS", "1", 1) }
        let handle = candidates.lazy.compactMap { dlopen($0, RTLD_NOW | RTLD_LOCAL) }.first
        if !userSetThreads { unsetenv("OPENBLAS_NUM_THREADS") }
        guard let handle else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            fatalError("OpenBLAS could not be loaded (\(reason)); install libopenblas0 (apt-get install libopenblas-dev)")
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T {
            guard let address = dlsym(handle, name) else { fatalError("OpenBLAS has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        return OpenBLASLibrary(sgemm: symbol("cblas_sgemm", as: SGEMM.self),
                               setNumThreads: symbol("openblas_set_num_threads", as: SetThreads.self),
                               getNumThreads: symbol("openblas_get_num_threads", as: GetThreads.self))
    }()
}
