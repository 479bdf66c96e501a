import Dispatch
import Synchronization

/// Converts a long recording as segments on several cores with the same result as one pass.
///
/// libsamplerate places output frame k at input time k / ratio. When a segment starts at an
/// input frame that is a multiple of the rates' period (from / gcd(from, to)), its first output
/// lands exactly on an output frame of the whole-file pass, with the same filter phase. Each
/// segment is converted with `context` extra input frames on both sides, so that the filter
/// sees the same neighbours as in one pass, and those frames' output is dropped.
struct ResamplerSegments {
    /// Extra input frames on each side, at least: more than the widest sinc filter reaches
    /// (SRC_SINC_BEST_QUALITY spans about 143 zero crossings each side, 143 / ratio input
    /// frames when downsampling: about 400 for 44.1 → 16 kHz).
    static let minimumContext = 4096
    /// Below this many input frames per segment, one pass is fast enough.
    static let minimumSegmentFrames = 1 << 18

    let conversion: SampleRateConversion
    let frames: Int
    let period: Int
    let context: Int
    let segmentFrames: Int

    /// nil when one pass is better: short input, one worker, or rates with no short period.
    init?(frames: Int, conversion: SampleRateConversion, workers: Int, minimumSegmentFrames: Int = Self.minimumSegmentFrames) {
        let period = conversion.from / Self.gcd(conversion.from, conversion.to)
        guard workers > 1, period <= Self.minimumContext, conversion.ratio >= 1.0 / 64,
              frames >= 2 * minimumSegmentFrames else { return nil }
        let segments = min(workers, frames / minimumSegmentFrames)
        self.conversion = conversion
        self.frames = frames
        self.period = period
        let filterReach = Int(512 / min(conversion.ratio, 1))
        self.context = Self.roundUp(max(Self.minimumContext, filterReach), to: period)
        self.segmentFrames = Self.roundUp((frames + segments - 1) / segments, to: period)
    }

    /// Output frames for `inputFrames` frames; exact for multiples of `period`.
    private func outputFrames(_ inputFrames: Int) -> Int { inputFrames / period * (conversion.to * period / conversion.from) }

    func run(_ samples: [Float]) throws(AudioError) -> [Float] {
        let starts = Array(stride(from: 0, to: frames, by: segmentFrames))
        let results = Mutex([Result<[Float], AudioError>?](repeating: nil, count: starts.count))
        DispatchQueue.concurrentPerform(iterations: starts.count) { index in
            let result = Result { () throws(AudioError) -> [Float] in try convertSegment(samples, from: starts[index]) }
            results.withLock { $0[index] = result }
        }
        var output: [Float] = []
        output.reserveCapacity(Int(Double(samples.count) * conversion.ratio) + conversion.channels)
        for result in results.withLock({ $0 }) {
            guard let result else { continue }
            output.append(contentsOf: try result.get())
        }
        return output
    }

    private func convertSegment(_ samples: [Float], from start: Int) throws(AudioError) -> [Float] {
        let end = min(start + segmentFrames, frames)
        let contextStart = max(0, start - context)
        let contextEnd = min(frames, end + context)
        let channels = conversion.channels
        return try samples.withUnsafeBufferPointer { all throws(AudioError) in
            let input = UnsafeBufferPointer(rebasing: all[(contextStart * channels)..<(contextEnd * channels)])
            // The last segment keeps everything to the flushed end, as one pass would.
            let keep = end == frames ? nil : outputFrames(end - start)
            return try conversion.convert(input, drop: outputFrames(start - contextStart), keep: keep)
        }
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    private static func roundUp(_ value: Int, to multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }
}
