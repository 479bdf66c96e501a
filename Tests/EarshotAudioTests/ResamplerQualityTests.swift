import Foundation
import Testing
@testable import EarshotAudio

/// Each libsoxr preset measured with a stepped sine sweep, 48 kHz → 16 kHz (output Nyquist
/// 8 kHz): the gain of tones across the kept band (passband ripple), the level of what tones above
/// the output Nyquist leave behind (stop-band rejection: anything left is aliasing), and, for
/// 8 kHz → 16 kHz, the level of the image a tone leaves above the input's Nyquist.
@Suite(.timeLimit(.minutes(5))) struct ResamplerQualityTests {
    /// What each preset must meet: the presets' nominal precision (20-bit ≈ 120 dB, 16-bit ≈
    /// 96 dB; 28-bit is held to 140 dB, near what Float32 samples can show). `quick` is cubic
    /// interpolation: no anti-alias filter, so only its passband and images are held to a bound.
    struct Spec: Sendable, CustomTestStringConvertible {
        var quality: ResamplerQuality
        /// Highest tested passband tone, as a fraction of the output Nyquist.
        var passbandEdge: Double
        var maxRippleDecibels: Double
        /// Lowest stop-band tone, as a fraction of the output Nyquist (above 1 is aliased).
        var stopbandStart: Double
        /// nil: the preset has no anti-alias filter.
        var minRejectionDecibels: Double?
        var minImageRejectionDecibels: Double
        var testDescription: String { quality.rawValue }
    }

    static let specs: [Spec] = [
        Spec(quality: .veryHigh, passbandEdge: 0.94, maxRippleDecibels: 0.001, stopbandStart: 1.0,
             minRejectionDecibels: 140, minImageRejectionDecibels: 140),
        Spec(quality: .high, passbandEdge: 0.90, maxRippleDecibels: 0.001, stopbandStart: 1.0,
             minRejectionDecibels: 120, minImageRejectionDecibels: 120),
        Spec(quality: .medium, passbandEdge: 0.80, maxRippleDecibels: 0.001, stopbandStart: 1.0,
             minRejectionDecibels: 96, minImageRejectionDecibels: 96),
        Spec(quality: .low, passbandEdge: 0.65, maxRippleDecibels: 0.001, stopbandStart: 1.0,
             minRejectionDecibels: 96, minImageRejectionDecibels: 96),
        Spec(quality: .quick, passbandEdge: 0.25, maxRippleDecibels: 0.01, stopbandStart: 1.0,
             minRejectionDecibels: nil, minImageRejectionDecibels: 40),
    ]

    static let amplitude = 0.5

    @Test(arguments: specs)
    func passbandIsFlat(spec: Spec) throws {
        let gains = try stride(from: 0.05, through: spec.passbandEdge, by: 0.05).map { fraction in
            let output = try Self.tone(frequency: fraction * 8000, rate: 48000).resampled(to: 16000, quality: spec.quality)
            return Analysis.decibels(Self.level(of: output.samples, frequency: fraction * 8000, rate: 16000) / Self.amplitude)
        }
        let ripple = (gains.max() ?? 0) - (gains.min() ?? 0)
        print("resampler \(spec.quality.rawValue): passband ripple \(ripple) dB, gains \(gains.map { ($0 * 1000).rounded() / 1000 })")
        #expect(ripple <= spec.maxRippleDecibels, "\(spec.quality.rawValue): ripple \(ripple) dB over 0...\(spec.passbandEdge) of Nyquist")
        #expect(abs(gains[0]) <= spec.maxRippleDecibels, "\(spec.quality.rawValue): gain \(gains[0]) dB at 400 Hz")
    }

    @Test(arguments: specs.filter { $0.minRejectionDecibels != nil })
    func stopbandIsRejected(spec: Spec) throws {
        // Tones from the stop band's start up to the input's Nyquist: every one is aliased,
        // so whatever comes out is leakage.
        let worst = try stride(from: spec.stopbandStart + 0.05, through: 2.9, by: 0.15).map { fraction in
            let output = try Self.tone(frequency: fraction * 8000, rate: 48000).resampled(to: 16000, quality: spec.quality)
            let middle = output.samples[4000..<(output.samples.count - 4000)]
            return Analysis.decibels(Analysis.rms(middle) * 2.squareRoot() / Self.amplitude)
        }.max() ?? 0
        print("resampler \(spec.quality.rawValue): worst stop-band leakage \(worst) dB")
        #expect(-worst >= spec.minRejectionDecibels ?? 0, "\(spec.quality.rawValue): a stop-band tone leaks at \(worst) dB")
    }

    @Test(arguments: specs)
    func upsamplingImagesAreRejected(spec: Spec) throws {
        // A tone at f in 8 kHz audio, upsampled to 16 kHz, leaves an image at 8 kHz − f.
        let frequency = 1000.0
        let output = try Self.tone(frequency: frequency, rate: 8000).resampled(to: 16000, quality: spec.quality)
        let image = Analysis.decibels(Self.level(of: output.samples, frequency: 8000 - frequency, rate: 16000) / Self.amplitude)
        print("resampler \(spec.quality.rawValue): image at 7 kHz \(image) dB")
        #expect(-image >= spec.minImageRejectionDecibels, "\(spec.quality.rawValue): image at \(image) dB")
    }

    static func tone(frequency: Double, rate: Int) -> Waveform {
        TestSignals.sine(frequency: frequency, amplitude: amplitude, seconds: 1, rate: rate)
    }

    /// Amplitude of the component at `frequency` in the steady middle of `samples`: a
    /// Blackman-Harris-windowed DFT bin at exactly that frequency (side lobes below −92 dB, so
    /// nothing far away leaks in).
    static func level(of samples: [Float], frequency: Double, rate: Int) -> Double {
        let middle = Array(samples[2000..<(samples.count - 2000)])
        let n = Double(middle.count)
        var re = 0.0, im = 0.0, weights = 0.0
        for (index, sample) in middle.enumerated() {
            let x = 2 * Double.pi * Double(index) / (n - 1)
            let w = 0.35875 - 0.48829 * cos(x) + 0.14128 * cos(2 * x) - 0.01168 * cos(3 * x)
            let phase = 2 * Double.pi * frequency * Double(index) / Double(rate)
            re += w * Double(sample) * cos(phase)
            im -= w * Double(sample) * sin(phase)
            weights += w
        }
        return 2 * (re * re + im * im).squareRoot() / weights
    }
}
