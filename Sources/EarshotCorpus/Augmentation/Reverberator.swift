import EarshotAudio
import Foundation

/// A small-room reverberation: Schroeder's design of four parallel feedback comb filters and
/// two all-pass diffusers, whose impulse response decays exponentially to −60 dB after
/// `decaySeconds` (RT60). Linear time, unlike convolving with a long impulse response.
public struct Reverberator: Sendable {
    /// RT60 in seconds.
    public var decaySeconds: Double
    /// Share of reverberant sound in the output, 0...1.
    public var wet: Float

    public init(decaySeconds: Double, wet: Float = 0.35) {
        self.decaySeconds = decaySeconds
        self.wet = wet
    }

    private static let combDelays = [0.0297, 0.0371, 0.0411, 0.0437]
    private static let allPassDelays = [0.005, 0.0017]

    public func apply(_ waveform: Waveform) -> Waveform {
        let dry = waveform.mono().samples
        let rate = Double(waveform.sampleRate)
        guard decaySeconds > 0, rate > 0, !dry.isEmpty else { return waveform.mono() }
        // Let the tail ring out, up to the decay time.
        let tail = Int(decaySeconds * rate)
        let input = dry + [Float](repeating: 0, count: tail)
        var reverberant = [Float](repeating: 0, count: input.count)
        for delaySeconds in Self.combDelays {
            let delay = max(1, Int(delaySeconds * rate))
            let feedback = Float(pow(10, -3 * delaySeconds / decaySeconds))  // −60 dB after RT60
            var line = [Float](repeating: 0, count: delay)
            var cursor = 0
            for index in input.indices {
                let output = line[cursor]
                line[cursor] = input[index] + feedback * output
                reverberant[index] += output / Float(Self.combDelays.count)
                cursor = cursor + 1 == delay ? 0 : cursor + 1
            }
        }
        for delaySeconds in Self.allPassDelays {
            let delay = max(1, Int(delaySeconds * rate))
            let gain: Float = 0.7
            var line = [Float](repeating: 0, count: delay)
            var cursor = 0
            for index in reverberant.indices {
                let delayed = line[cursor]
                let input = reverberant[index] + gain * delayed
                line[cursor] = input
                reverberant[index] = delayed - gain * input
                cursor = cursor + 1 == delay ? 0 : cursor + 1
            }
        }
        // Match the reverberant part's level to the dry sound before mixing.
        let dryPower = Signal.power(dry), wetPower = Signal.power(reverberant)
        let match = wetPower > 0 ? Float((dryPower / wetPower).squareRoot()) : 0
        var output = reverberant
        for index in output.indices {
            let direct = index < dry.count ? dry[index] : 0
            output[index] = (1 - wet) * direct + wet * match * reverberant[index]
        }
        return Waveform(samples: output, sampleRate: waveform.sampleRate)
    }
}
