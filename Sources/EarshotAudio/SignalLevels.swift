import Foundation

/// Sample-level measurements of a waveform, accumulated in Double for accuracy.
struct SignalLevels: Sendable, Equatable {
    /// A sample at or beyond this magnitude counts as clipped: within one 16-bit step of full scale.
    static let clipThreshold: Float = 32767 / 32768

    var peak: Double
    var meanSquare: Double
    var mean: Double
    var clippedFraction: Double

    init(_ samples: [Float]) {
        var peak: Float = 0
        var sum = 0.0
        var sumSquares = 0.0
        var clipped = 0
        samples.withUnsafeBufferPointer { buffer in
            for sample in buffer {
                let magnitude = abs(sample)
                peak = max(peak, magnitude)
                sum += Double(sample)
                sumSquares += Double(sample) * Double(sample)
                if magnitude >= Self.clipThreshold { clipped += 1 }
            }
        }
        let count = Double(max(samples.count, 1))
        self.peak = Double(peak)
        self.mean = sum / count
        self.meanSquare = sumSquares / count
        self.clippedFraction = Double(clipped) / count
    }

    static func decibels(amplitude: Double) -> Double? { amplitude > 0 ? 20 * log10(amplitude) : nil }
    static func decibels(power: Double) -> Double? { power > 0 ? 10 * log10(power) : nil }
}
