import Foundation

/// Seeded Gaussian noise for dithering (SplitMix64 + Box–Muller), so dithered features are
/// reproducible from the config's seed.
struct GaussianNoise {
    private var state: UInt64
    private var spare: Float?

    init(seed: UInt64) { state = seed }

    private mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1], never 0 so the logarithm below is finite.
    private mutating func nextUnit() -> Double {
        (Double(nextUInt64() >> 11) + 1) * 0x1p-53
    }

    mutating func next() -> Float {
        if let value = spare {
            spare = nil
            return value
        }
        let radius = (-2 * log(nextUnit())).squareRoot()
        let angle = 2 * Double.pi * nextUnit()
        spare = Float(radius * sin(angle))
        return Float(radius * cos(angle))
    }
}
