import EarshotCore
/// Background noise types, named as the error-analysis tags name them.
public enum NoiseKind: String, Sendable, CaseIterable, Codable {
    /// Flat spectrum.
    case white
    /// 1/f spectrum (−3 dB per octave), like rain or air conditioning.
    case pink
    /// Brown (1/f², −6 dB per octave) noise: the low rumble of a car cabin.
    case car
    /// Several other utterances of the corpus talking at once ("people noise").
    case babble
}

/// Makes noise signals; coloured noise comes from filtering seeded Gaussian white noise.
public enum NoiseGenerator {
    public static func white(count: Int, using generator: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in generator.nextGaussianFloat() }
    }

    /// Pink noise from white noise through a three-pole approximation of a −3 dB/octave filter.
    public static func pink(count: Int, using generator: inout SplitMix64) -> [Float] {
        var (b0, b1, b2): (Float, Float, Float) = (0, 0, 0)
        return (0..<count).map { _ in
            let white = generator.nextGaussianFloat()
            b0 = 0.99765 * b0 + white * 0.0990460
            b1 = 0.96300 * b1 + white * 0.2965164
            b2 = 0.57000 * b2 + white * 1.0526913
            return b0 + b1 + b2 + white * 0.1848
        }
    }

    /// Brown noise: leaky-integrated white noise (the leak keeps it from drifting off).
    public static func brown(count: Int, using generator: inout SplitMix64) -> [Float] {
        var level: Float = 0
        return (0..<count).map { _ in
            level = 0.995 * level + 0.1 * generator.nextGaussianFloat()
            return level
        }
    }

    /// Babble: `talkers` of the given recordings summed at equal power, each starting at a
    /// random point and looped to `count` samples.
    public static func babble(count: Int, from recordings: [[Float]], talkers: Int, using generator: inout SplitMix64) -> [Float] {
        var mix = [Float](repeating: 0, count: count)
        let usable = recordings.filter { Signal.power($0) > 0 }
        guard !usable.isEmpty, count > 0 else { return mix }
        for _ in 0..<max(1, talkers) {
            let voice = usable[Int(generator.next(upperBound: UInt64(usable.count)))]
            let scale = Float(1 / Signal.power(voice).squareRoot())
            var position = Int(generator.next(upperBound: UInt64(voice.count)))
            for index in 0..<count {
                mix[index] += voice[position] * scale
                position += 1
                if position == voice.count { position = 0 }
            }
        }
        return mix
    }
}
