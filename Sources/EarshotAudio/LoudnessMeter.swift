import CEbur128

/// ITU-R BS.1770 loudness through libebur128: integrated loudness (LUFS) and EBU R128
/// loudness range (LU).
public struct Loudness: Sendable, Equatable {
    /// Gated integrated loudness; nil when every block is below the −70 LUFS absolute gate.
    /// Clips shorter than one 400 ms gating block get the ungated loudness of the whole clip.
    public var integratedLUFS: Double?
    /// Loudness range; nil for audio shorter than one 3 s short-term window, where it is undefined.
    public var rangeLU: Double?
}

public enum LoudnessMeter {
    private static let blockMilliseconds = 400
    private static let shortTermMilliseconds = 3000

    public static func measure(_ waveform: Waveform) throws(AudioError) -> Loudness {
        let frames = waveform.frameCount
        guard frames > 0 else { return Loudness(integratedLUFS: nil, rangeLU: nil) }
        guard waveform.sampleRate > 0, waveform.channelCount <= Int(UInt32.max) else {
            throw .invalidArgument("cannot measure loudness of \(waveform.channelCount) channels at \(waveform.sampleRate) Hz")
        }
        let mode = Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue)
        guard let state = ebur128_init(UInt32(waveform.channelCount), UInt(waveform.sampleRate), mode) else {
            throw .invalidArgument("libebur128 cannot measure \(waveform.channelCount) channels at \(waveform.sampleRate) Hz")
        }
        defer {
            var owned: UnsafeMutablePointer<ebur128_state>? = state
            ebur128_destroy(&owned)
        }
        let clipMilliseconds = Int(waveform.durationSeconds * 1000)
        let shortClip = clipMilliseconds < blockMilliseconds
        if shortClip, clipMilliseconds > 0 { ebur128_set_max_window(state, UInt(clipMilliseconds)) }
        let added = waveform.samples.withUnsafeBufferPointer { ebur128_add_frames_float(state, $0.baseAddress, frames) }
        guard added == 0 else { throw .invalidArgument("libebur128 failed to take the audio (error \(added))") }

        var integrated = -Double.infinity
        if shortClip {
            if clipMilliseconds > 0 { ebur128_loudness_window(state, UInt(clipMilliseconds), &integrated) }
        } else {
            ebur128_loudness_global(state, &integrated)
        }
        var range = 0.0
        let rangeStatus = ebur128_loudness_range(state, &range)
        return Loudness(
            integratedLUFS: integrated.isFinite ? integrated : nil,
            rangeLU: rangeStatus == 0 && range.isFinite && clipMilliseconds >= shortTermMilliseconds ? range : nil
        )
    }
}
