import Foundation

/// A second-order IIR section (direct form I) with Butterworth low- and high-pass designs
/// from the bilinear transform (the audio-EQ-cookbook formulas).
struct Biquad {
    var b0, b1, b2, a1, a2: Double

    static func lowPass(cutoff: Double, sampleRate: Int) -> Biquad {
        let (cosine, alpha) = terms(cutoff: cutoff, sampleRate: sampleRate)
        let a0 = 1 + alpha
        return Biquad(b0: (1 - cosine) / 2 / a0, b1: (1 - cosine) / a0, b2: (1 - cosine) / 2 / a0,
                      a1: -2 * cosine / a0, a2: (1 - alpha) / a0)
    }

    static func highPass(cutoff: Double, sampleRate: Int) -> Biquad {
        let (cosine, alpha) = terms(cutoff: cutoff, sampleRate: sampleRate)
        let a0 = 1 + alpha
        return Biquad(b0: (1 + cosine) / 2 / a0, b1: -(1 + cosine) / a0, b2: (1 + cosine) / 2 / a0,
                      a1: -2 * cosine / a0, a2: (1 - alpha) / a0)
    }

    private static func terms(cutoff: Double, sampleRate: Int) -> (cosine: Double, alpha: Double) {
        let omega = 2 * Double.pi * cutoff / Double(sampleRate)
        return (cos(omega), sin(omega) / (2 * 0.5.squareRoot()))  // Q = 1/√2: Butterworth
    }

    func apply(_ samples: [Float]) -> [Float] {
        var (x1, x2, y1, y2): (Double, Double, Double, Double) = (0, 0, 0, 0)
        return samples.map { sample in
            let x = Double(sample)
            let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            (x2, x1, y2, y1) = (x1, x, y1, y)
            return Float(y)
        }
    }
}
