/// How much audio one decode may produce. Earshot works on voice-search utterances and
/// corpus recordings, so the defaults are generous for speech (three hours) yet keep one file
/// from taking more than 1 GiB of `Float` samples. A header declaring more than this is
/// rejected before any sample is read; a stream that decodes past it stops with `.tooLarge`.
public struct AudioLimits: Sendable, Equatable {
    /// Longest accepted audio, in seconds.
    public var maxDurationSeconds: Double
    /// Most decoded samples (frames × channels) accepted.
    public var maxSamples: Int
    /// Highest accepted sample rate; anything above is a corrupt header, not audio.
    public var maxSampleRate: Int

    public init(maxDurationSeconds: Double = 3 * 3600, maxSamples: Int = 1 << 28, maxSampleRate: Int = 768_000) {
        self.maxDurationSeconds = maxDurationSeconds
        self.maxSamples = maxSamples
        self.maxSampleRate = maxSampleRate
    }

    public static let `default` = AudioLimits()

    /// Throws when a stream of this shape would exceed the limits.
    func check(frames: Int64, channels: Int, sampleRate: Int, source: String) throws(AudioError) {
        guard sampleRate > 0, sampleRate <= maxSampleRate else {
            throw .corrupt(source: source, reason: "header declares a sample rate of \(sampleRate) Hz")
        }
        let (samples, overflow) = frames.multipliedReportingOverflow(by: Int64(channels))
        if overflow || samples > Int64(maxSamples) {
            throw .tooLarge(source: source, reason: "header declares \(frames) frames × \(channels) channels; the limit is \(maxSamples) samples")
        }
        let seconds = Double(frames) / Double(sampleRate)
        if seconds > maxDurationSeconds {
            throw .tooLarge(source: source, reason: "header declares \(Self.format(seconds: seconds)) of audio; the limit is \(Self.format(seconds: maxDurationSeconds))")
        }
    }

    static func format(seconds: Double) -> String {
        seconds >= 3600 ? "\((seconds / 3600 * 10).rounded() / 10) h" : "\((seconds * 10).rounded() / 10) s"
    }
}
