import EarshotCore
import Foundation

/// Cepstral mean and variance statistics, as Kaldi's `compute-cmvn-stats` accumulates them:
/// a frame count and per-dimension sums and sums of squares, in double precision.
public struct CMVNStats: Sendable, Equatable, Codable {
    public internal(set) var dimension: Int
    public internal(set) var count: Double
    public internal(set) var sum: [Double]
    public internal(set) var sumOfSquares: [Double]

    enum CodingKeys: String, CodingKey {
        case dimension, count, sum
        case sumOfSquares = "sum_of_squares"
    }

    /// Kaldi's floor on the variance before dividing by its square root.
    static let varianceFloor = 1e-20

    public init(dimension: Int) {
        self.dimension = max(0, dimension)
        count = 0
        sum = [Double](repeating: 0, count: self.dimension)
        sumOfSquares = sum
    }

    /// Statistics of one matrix.
    public init(_ features: FrameMatrix) {
        self.init(dimension: features.dimensions)
        try! accumulate(features)  // dimensions agree by construction
    }

    public mutating func accumulate(_ features: FrameMatrix, source: String = "features") throws(FeatureError) {
        guard features.dimensions == dimension else {
            throw .dimensionMismatch(source: source, expected: dimension, actual: features.dimensions)
        }
        for frame in 0..<features.frames {
            for d in 0..<dimension {
                let x = Double(features[frame, d])
                sum[d] += x
                sumOfSquares[d] += x * x
            }
        }
        count += Double(features.frames)
    }

    public mutating func merge(_ other: CMVNStats, source: String = "statistics") throws(FeatureError) {
        guard other.dimension == dimension else { throw .dimensionMismatch(source: source, expected: dimension, actual: other.dimension) }
        count += other.count
        for d in 0..<dimension {
            sum[d] += other.sum[d]
            sumOfSquares[d] += other.sumOfSquares[d]
        }
    }

    /// Subtracts the mean and, when `normalizeVariance`, divides by the standard deviation
    /// (Kaldi's `apply-cmvn`). Needs at least one frame of statistics.
    public func apply(to features: FrameMatrix, normalizeVariance: Bool, source: String = "features") throws(FeatureError) -> FrameMatrix {
        guard features.dimensions == dimension else {
            throw .dimensionMismatch(source: source, expected: dimension, actual: features.dimensions)
        }
        guard count >= 1 else {
            throw .malformedFile(source: source, reason: "CMVN statistics hold \(count) frames; need at least 1")
        }
        var scale = [Float](repeating: 1, count: dimension)
        var offset = [Float](repeating: 0, count: dimension)
        for d in 0..<dimension {
            let mean = sum[d] / count
            if normalizeVariance {
                let variance = max(sumOfSquares[d] / count - mean * mean, Self.varianceFloor)
                let s = 1 / variance.squareRoot()
                scale[d] = Float(s)
                offset[d] = Float(-mean * s)
            } else {
                offset[d] = Float(-mean)
            }
        }
        var output = features
        output.withUnsafeMutableValues { values in
            for frame in 0..<features.frames {
                for d in 0..<dimension {
                    let i = frame * dimension + d
                    values[i] = values[i] * scale[d] + offset[d]
                }
            }
        }
        return output
    }
}

extension CMVNStats {
    /// Statistics whose mean is the MAP blend of these (global) statistics, worth `priorFrames`
    /// frames, and `features`' own frames, and whose variance is this set's: normalizing by them
    /// subtracts the blended mean and divides by the global standard deviation.
    public func blendedWithUtterance(_ features: FrameMatrix, priorFrames: Double, source: String = "features") throws(FeatureError) -> CMVNStats {
        guard features.dimensions == dimension else {
            throw .dimensionMismatch(source: source, expected: dimension, actual: features.dimensions)
        }
        guard count >= 1 else {
            throw .malformedFile(source: source, reason: "CMVN statistics hold \(count) frames; need at least 1")
        }
        let own = CMVNStats(features)
        let total = own.count + priorFrames
        guard total > 0 else { return self }
        var blended = CMVNStats(dimension: dimension)
        blended.count = 1
        for d in 0..<dimension {
            let globalMean = sum[d] / count
            let globalVariance = max(sumOfSquares[d] / count - globalMean * globalMean, Self.varianceFloor)
            let mean = (own.sum[d] + priorFrames * globalMean) / total
            blended.sum[d] = mean
            blended.sumOfSquares[d] = globalVariance + mean * mean
        }
        return blended
    }
}

extension FrameMatrix {
    /// Per-utterance CMVN: normalized by the matrix's own statistics. An empty matrix is
    /// returned unchanged.
    public func normalizedPerUtterance(normalizeVariance: Bool = false) -> FrameMatrix {
        guard frames > 0 else { return self }
        return try! CMVNStats(self).apply(to: self, normalizeVariance: normalizeVariance)  // own stats: dims agree, count >= 1
    }
}
