import EarshotCore
@testable import EarshotAcousticModel

/// Central finite differences against analytic gradients, in Float32 forward passes with Double
/// accumulation of the scalar loss.
enum GradientCheck {
    /// ∂f/∂x[i] ≈ (f(x + ε eᵢ) − f(x − ε eᵢ)) / 2ε for each index in `indices` (all by default).
    static func numerical(at x: [Float], epsilon: Float, indices: [Int]? = nil, _ f: ([Float]) throws -> Double) rethrows -> [Double] {
        var probe = x
        return try (indices ?? Array(x.indices)).map { i in
            let original = probe[i]
            probe[i] = original + epsilon
            let plus = try f(probe)
            probe[i] = original - epsilon
            let minus = try f(probe)
            probe[i] = original
            // The actual step after Float rounding, not the nominal ε.
            let step = Double(original + epsilon) - Double(original - epsilon)
            return (plus - minus) / step
        }
    }

    /// ‖a − b‖ / (‖a‖ + ‖b‖): 0 when equal, 1 when opposite; scale-free.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var diff: Double = 0, na: Double = 0, nb: Double = 0
        for (x, y) in zip(a, b) { diff += (x - y) * (x - y); na += x * x; nb += y * y }
        let denominator = na.squareRoot() + nb.squareRoot()
        return denominator == 0 ? 0 : diff.squareRoot() / denominator
    }

    /// Largest elementwise |a − b| / max(|a|, |b|, floor): catches a single wrong entry that the
    /// norm-wise error would average away.
    static func worstElementError(_ a: [Double], _ b: [Double], floor: Double) -> Double {
        zip(a, b).map { abs($0 - $1) / max(abs($0), abs($1), floor) }.max() ?? 0
    }
}

/// Seeded test data.
enum TestData {
    static func gaussian(_ count: Int, rng: inout SeededGenerator, scale: Double = 1) -> [Float] {
        (0..<count).map { _ in Float(rng.nextGaussian() * scale) }
    }

    /// A padded batch with random values on valid rows and zeros on padding.
    static func activations(lengths: [Int], channels: Int, rng: inout SeededGenerator) -> Activations {
        let frames = lengths.max()!
        var a = Activations.zeros(batch: lengths.count, frames: frames, channels: channels, lengths: lengths)
        for b in lengths.indices {
            for t in 0..<lengths[b] {
                for c in 0..<channels { a.values[(b * frames + t) * channels + c] = Float(rng.nextGaussian()) }
            }
        }
        return a
    }

    /// Σ weights ⊙ values over valid rows, in Double: a scalar loss whose gradient is `weights` (masked).
    static func weightedSum(_ a: Activations, weights: [Float]) -> Double {
        var total: Double = 0
        a.forEachValidRow { row in
            for c in 0..<a.channels {
                let i = row * a.channels + c
                total += Double(a.values[i]) * Double(weights[i])
            }
        }
        return total
    }

    static func features(frames: Int, dimensions: Int, rng: inout SeededGenerator) -> FrameMatrix {
        try! FrameMatrix(frames: frames, dimensions: dimensions, values: gaussian(frames * dimensions, rng: &rng))
    }
}
