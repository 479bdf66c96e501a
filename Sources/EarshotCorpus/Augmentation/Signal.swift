import Foundation

/// Level measurements and mixing on mono sample arrays.
public enum Signal {
    /// Mean square of the samples (0 for none).
    public static func power(_ samples: [Float]) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum: Double = 0
        for sample in samples { sum += Double(sample) * Double(sample) }
        return sum / Double(samples.count)
    }

    /// Linear amplitude factor for a gain in decibels.
    public static func amplitude(decibels: Double) -> Float {
        Float(pow(10, decibels / 20))
    }

    /// `speech + noise`, the noise scaled so that speech power / noise power is `snr` dB.
    /// Noise shorter than the speech is looped. Silent noise leaves the speech unchanged.
    public static func mix(speech: [Float], noise: [Float], snr: Double) -> [Float] {
        let speechPower = power(speech)
        let noisePower = power(noise)
        guard speechPower > 0, noisePower > 0 else { return speech }
        let scale = Float((speechPower / (noisePower * pow(10, snr / 10))).squareRoot())
        var mixed = speech
        for index in mixed.indices { mixed[index] += scale * noise[index % noise.count] }
        return mixed
    }

    /// The signal-to-noise ratio in dB of `mixed` against the clean `speech`, with the speech's
    /// level in the mix found by least squares (so a later overall gain does not change it).
    public static func measuredSNR(mixed: [Float], speech: [Float]) -> Double {
        let count = min(mixed.count, speech.count)
        var cross: Double = 0, speechEnergy: Double = 0
        for index in 0..<count {
            cross += Double(mixed[index]) * Double(speech[index])
            speechEnergy += Double(speech[index]) * Double(speech[index])
        }
        guard speechEnergy > 0 else { return -.infinity }
        let alpha = cross / speechEnergy
        var noiseEnergy: Double = 0
        for index in 0..<count {
            let residual = Double(mixed[index]) - alpha * Double(speech[index])
            noiseEnergy += residual * residual
        }
        return 10 * log10(alpha * alpha * speechEnergy / max(noiseEnergy, .leastNonzeroMagnitude))
    }

    /// Scales the samples down so the peak is at most `limit`; returns whether it had to.
    @discardableResult
    public static func limitPeak(_ samples: inout [Float], to limit: Float = 0.99) -> Bool {
        let peak = samples.reduce(0) { max($0, abs($1)) }
        guard peak > limit else { return false }
        let scale = limit / peak
        for index in samples.indices { samples[index] *= scale }
        return true
    }
}
