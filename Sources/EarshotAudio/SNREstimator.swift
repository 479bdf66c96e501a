import Foundation

/// A signal-to-noise estimate from the spread of frame energies, for audio without a separate
/// noise recording: speech frames are the loud end of the distribution, the pauses between
/// words the quiet end. Frames are 25 ms with a 10 ms hop on the mono mix; the estimate is
/// 10·log10(P95 / P10) of their mean-square energies, with both floored at −100 dBFS so that
/// digital silence gives a large finite value instead of infinity.
enum SNREstimator {
    static let frameSeconds = 0.025
    static let hopSeconds = 0.010
    static let minimumFrames = 10
    static let energyFloor = 1e-10

    /// nil for audio shorter than ten frames (about 115 ms).
    static func estimate(_ mono: Waveform) -> Double? {
        let frameLength = max(1, Int(Double(mono.sampleRate) * frameSeconds))
        let hop = max(1, Int(Double(mono.sampleRate) * hopSeconds))
        guard mono.samples.count >= frameLength else { return nil }
        let frameCount = (mono.samples.count - frameLength) / hop + 1
        guard frameCount >= minimumFrames else { return nil }
        var energies = [Double](repeating: 0, count: frameCount)
        mono.samples.withUnsafeBufferPointer { samples in
            for frame in 0..<frameCount {
                var sum = 0.0
                for sample in samples[(frame * hop)..<(frame * hop + frameLength)] { sum += Double(sample) * Double(sample) }
                energies[frame] = sum / Double(frameLength)
            }
        }
        energies.sort()
        let signal = max(percentile(energies, 0.95), energyFloor)
        let noise = max(percentile(energies, 0.10), energyFloor)
        return 10 * log10(signal / noise)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
}
