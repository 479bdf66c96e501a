import EarshotCore
import Foundation

/// Seeded Gaussian noise for dithering (SplitMix64 + Box–Muller, both values of each pair used),
/// so dithered features are reproducible from the config's seed.
struct GaussianNoise {
    private var source: SplitMix64
    private var spare: Float?

    init(seed: UInt64) { source = SplitMix64(seed: seed) }

    private mutating func nextUnit() -> Double { source.nextPositiveUnit() }

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
