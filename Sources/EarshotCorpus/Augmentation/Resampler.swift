import Foundation
import EarshotAudio

/// Changes a waveform's sample rate. Augmentation (telephone channel, speed perturbation) and
/// synthesis (eSpeak's 22.05 kHz to 16 kHz) take one as a parameter, so the audio module's
/// libsamplerate-based resampler can be swapped in without touching them.
public protocol Resampler: Sendable {
    func resample(_ waveform: Waveform, to sampleRate: Int) throws(CorpusError) -> Waveform
}

/// A band-limited polyphase resampler with a Hann-windowed sinc kernel: the interim default
/// until EarshotAudio offers libsamplerate. The cutoff sits just below the lower Nyquist
/// frequency, so downsampling does not alias. Phases are tabulated once per call, which needs
/// the rates' ratio to reduce to at most `maximumPhases` output phases.
public struct WindowedSincResampler: Resampler {
    /// Zero crossings of the kernel on each side (at the lower of the two rates).
    public var zeroCrossings: Int
    public static let maximumPhases = 8192

    public init(zeroCrossings: Int = 16) {
        self.zeroCrossings = zeroCrossings
    }

    public func resample(_ waveform: Waveform, to sampleRate: Int) throws(CorpusError) -> Waveform {
        guard sampleRate > 0, waveform.sampleRate > 0 else {
            throw .invalidArgument("cannot resample from \(waveform.sampleRate) Hz to \(sampleRate) Hz")
        }
        if sampleRate == waveform.sampleRate { return waveform }
        let divisor = Self.gcd(sampleRate, waveform.sampleRate)
        let phases = sampleRate / divisor   // output phases per cycle
        let step = waveform.sampleRate / divisor  // input samples advanced per cycle
        guard phases <= Self.maximumPhases else {
            throw .invalidArgument("resampling \(waveform.sampleRate) Hz to \(sampleRate) Hz needs \(phases) filter phases (at most \(Self.maximumPhases))")
        }
        let scale = min(1, Double(sampleRate) / Double(waveform.sampleRate))  // < 1 when downsampling
        let cutoff = 0.97 * scale
        let halfWidth = Int((Double(zeroCrossings) / scale).rounded(.up))
        let taps = 2 * halfWidth
        let table = Self.kernelTable(phases: phases, taps: taps, halfWidth: halfWidth, cutoff: cutoff)
        let channels = max(1, waveform.channelCount)
        let inputFrames = waveform.frameCount
        let outputFrames = Int((Double(inputFrames) * Double(sampleRate) / Double(waveform.sampleRate)).rounded())
        var output = [Float](repeating: 0, count: outputFrames * channels)
        waveform.samples.withUnsafeBufferPointer { input in
            table.withUnsafeBufferPointer { kernel in
                output.withUnsafeMutableBufferPointer { out in
                    for frame in 0..<outputFrames {
                        let position = frame * step
                        let base = position / phases - halfWidth + 1   // first input frame under the kernel
                        let row = (position % phases) * taps
                        for channel in 0..<channels {
                            var sum: Float = 0
                            for tap in 0..<taps {
                                let index = base + tap
                                if index >= 0 && index < inputFrames {
                                    sum += kernel[row + tap] * input[index * channels + channel]
                                }
                            }
                            out[frame * channels + channel] = sum
                        }
                    }
                }
            }
        }
        return Waveform(samples: output, sampleRate: sampleRate, channelCount: waveform.channelCount)
    }

    /// Kernel weights for each fractional phase, each row normalized to unit DC gain.
    private static func kernelTable(phases: Int, taps: Int, halfWidth: Int, cutoff: Double) -> [Float] {
        var table = [Float](repeating: 0, count: phases * taps)
        for phase in 0..<phases {
            let fraction = Double(phase) / Double(phases)
            var row = [Double](repeating: 0, count: taps)
            for tap in 0..<taps {
                let x = fraction - Double(tap - halfWidth + 1)   // distance from the output point
                let window = 0.5 + 0.5 * cos(Double.pi * x / Double(halfWidth))
                let argument = Double.pi * cutoff * x
                let sinc = abs(argument) < 1e-12 ? 1 : sin(argument) / argument
                row[tap] = abs(x) >= Double(halfWidth) ? 0 : cutoff * sinc * window
            }
            let total = row.reduce(0, +)
            for tap in 0..<taps { table[phase * taps + tap] = Float(row[tap] / total) }
        }
        return table
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
