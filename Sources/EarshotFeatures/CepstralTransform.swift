import Foundation

/// The orthonormal DCT-II from log-mel energies to cepstra, with Kaldi's sinusoidal lifter
/// folded into its rows so the hot loop does one matrix-vector product.
public struct CepstralTransform: Sendable, Equatable {
    public let cepstrumCount: Int
    public let filterCount: Int
    /// Row-major `cepstrumCount × filterCount`, liftered.
    public let matrix: [Float]

    public init(cepstrumCount: Int, filterCount: Int, lifter: Float) throws(FeatureError) {
        guard cepstrumCount >= 1, cepstrumCount <= filterCount else {
            throw .invalidOption(field: "num_ceps", reason: "need 1 to num_mel_bins (\(filterCount)) cepstra, got \(cepstrumCount)")
        }
        guard lifter.isFinite, lifter >= 0 else {
            throw .invalidOption(field: "cepstral_lifter", reason: "must be 0 (off) or positive, got \(lifter)")
        }
        let dct = Self.dctMatrix(size: filterCount)
        let lifters = Self.lifterCoefficients(count: cepstrumCount, lifter: Double(lifter))
        var matrix = [Float](repeating: 0, count: cepstrumCount * filterCount)
        for k in 0..<cepstrumCount {
            for n in 0..<filterCount {
                matrix[k * filterCount + n] = Float(dct[k * filterCount + n] * lifters[k])
            }
        }
        self.cepstrumCount = cepstrumCount
        self.filterCount = filterCount
        self.matrix = matrix
    }

    /// Orthonormal DCT-II, row-major `size × size`: row k is
    /// sqrt((k == 0 ? 1 : 2) / size) · cos(π k (n + ½) / size).
    public static func dctMatrix(size: Int) -> [Double] {
        var matrix = [Double](repeating: 0, count: size * size)
        for k in 0..<size {
            let scale = (k == 0 ? 1.0 : 2.0) / Double(size)
            for n in 0..<size {
                matrix[k * size + n] = scale.squareRoot() * cos(Double.pi / Double(size) * (Double(n) + 0.5) * Double(k))
            }
        }
        return matrix
    }

    /// Kaldi's lifter 1 + (Q/2) sin(π k / Q); all ones when Q is 0.
    public static func lifterCoefficients(count: Int, lifter: Double) -> [Double] {
        (0..<count).map { k in lifter == 0 ? 1 : 1 + 0.5 * lifter * sin(Double.pi * Double(k) / lifter) }
    }
}
