#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// SplitMix64 (Steele, Lea & Flood 2014): Earshot's one small seeded generator. It names and
/// separates streams — per corpus item, per named slice, per training epoch — so a result is the
/// same for the same seed on every machine, whatever order the streams are drawn in; it also
/// seeds `SeededGenerator` (Xoshiro256**), the bulk generator of training.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one named stream (e.g. a WER slice), independent of the order in which
    /// streams are used: the seed is mixed with the name's FNV-1a hash.
    public init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        self.init(seed: seed ^ hash)
    }

    /// A generator for item `index` of stream `stream`, independent of how many numbers other
    /// items drew: items can be made in any order, on any core, and still match.
    public init(seed: UInt64, index: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        for _ in 0..<2 { _ = mixer.next() }
        state = mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    /// A seed for a numbered sub-stream (layer, epoch, ...) so streams never overlap by accident.
    public static func derive(_ seed: UInt64, _ salt: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (salt &* 0xD605_BBB5_8C8A_BE2D))
        return mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) / Float(1 << 24)
    }

    /// Uniform in (0, 1] with 53 random bits: never 0, so its logarithm is finite.
    public mutating func nextPositiveUnit() -> Double {
        (Double(next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal sample in single precision (Box–Muller, one value per two draws).
    public mutating func nextGaussianFloat() -> Float {
        let u1 = max(Float(next() >> 40) / Float(1 << 24), .leastNormalMagnitude)
        let u2 = nextUnitFloat()
        return (-2 * logf(u1)).squareRoot() * cosf(2 * .pi * u2)
    }
}
