import COpenBLAS
/// The small CTC acoustic model, trained in Swift on BLAS.
public enum AcousticModel {}
