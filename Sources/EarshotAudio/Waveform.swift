/// Decoded audio: interleaved float samples in [-1, 1] with their rate and channel count.
public struct Waveform: Sendable, Equatable {
    /// Interleaved samples: frame 0 channel 0, frame 0 channel 1, ...
    public var samples: [Float]
    public var sampleRate: Int
    public var channelCount: Int

    public init(samples: [Float], sampleRate: Int, channelCount: Int = 1) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    /// Number of sample frames (one sample per channel each).
    public var frameCount: Int { channelCount > 0 ? samples.count / channelCount : 0 }

    public var durationSeconds: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    /// The average of all channels, as one channel.
    public func mono() -> Waveform {
        guard channelCount > 1 else { return self }
        var mixed = [Float]()
        samples.withUnsafeBufferPointer { Self.downmix($0, channels: channelCount, into: &mixed) }
        return Waveform(samples: mixed, sampleRate: sampleRate, channelCount: 1)
    }

    /// Averages interleaved `samples` of `channels` channels into `mixed` (replacing its contents).
    static func downmix(_ samples: UnsafeBufferPointer<Float>, channels: Int, into mixed: inout [Float]) {
        let frames = samples.count / channels
        mixed.removeAll(keepingCapacity: true)
        mixed.reserveCapacity(frames)
        let scale = 1 / Float(channels)
        for frame in 0..<frames {
            var sum: Float = 0
            let base = frame * channels
            for channel in 0..<channels { sum += samples[base + channel] }
            mixed.append(sum * scale)
        }
    }
}
