import COpenBLAS

/// The one place the module calls BLAS: row-major single-precision C = alpha·op(A)·op(B) + beta·C.
/// Its thread count is set by `BLASThreads` from what the caller runs (OPENBLAS_NUM_THREADS wins).
enum BLAS {
    /// `a` is m×k (or k×m when `transposeA`), `b` is k×n (or n×k when `transposeB`), `c` is m×n;
    /// leading dimensions are the stored row lengths.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // BLAS with k = 0 still scales C; keep that contract without calling it.
            for row in 0..<m { for col in 0..<n { c[row * ldc + col] *= beta } }
            return
        }
        OpenBLASLibrary.shared.sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
