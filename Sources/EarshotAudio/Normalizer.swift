import Foundation

/// Which level volume normalization brings to its target.
public enum NormalizationMode: String, Sendable, Codable, CaseIterable {
    /// Sample peak, dBFS.
    case peak
    /// Root mean square over all samples, dBFS.
    case rms
    /// ITU-R BS.1770 integrated loudness, LUFS.
    case lufs
}

public struct NormalizationOptions: Sendable, Equatable {
    public var mode: NormalizationMode
    /// Target level in the mode's unit (dBFS or LUFS).
    public var target: Double
    /// Largest boost applied, so near-silent input is not blown up into loud noise.
    public var maxGainDB: Double
    /// The peak never exceeds this after gain (rms and lufs modes): a gain cap, so nothing clips.
    public var ceilingDBFS: Double

    public init(mode: NormalizationMode, target: Double, maxGainDB: Double = 30, ceilingDBFS: Double = -1) {
        self.mode = mode
        self.target = target
        self.maxGainDB = maxGainDB
        self.ceilingDBFS = ceilingDBFS
    }

    /// Throws when a value makes no sense (a positive target, a negative maximum gain).
    public func validate() throws(AudioError) {
        guard target.isFinite, target <= 0 else {
            throw .invalidArgument("normalization target must be at most 0 (got \(target))")
        }
        guard maxGainDB.isFinite, maxGainDB >= 0 else {
            throw .invalidArgument("maximum gain must be 0 dB or more (got \(maxGainDB))")
        }
        guard ceilingDBFS.isFinite, ceilingDBFS <= 0 else {
            throw .invalidArgument("peak ceiling must be at most 0 dBFS (got \(ceilingDBFS))")
        }
    }
}

/// What normalization did to one recording.
public struct NormalizationReport: Codable, Sendable, Equatable {
    /// What kept the gain below the one that reaches the target.
    public enum Limit: String, Codable, Sendable {
        /// The target was reached.
        case none
        /// The boost hit `maxGainDB` (near-silent input).
        case maxGain
        /// The peak would have passed the ceiling.
        case ceiling
        /// The level is undefined (digital silence): left untouched.
        case silence
    }

    public var mode: NormalizationMode
    public var target: Double
    /// The level before, in the mode's unit; nil for silence.
    public var before: Double?
    /// The level after, in the mode's unit; nil for silence.
    public var after: Double?
    public var gainDB: Double
    public var peakAfterDBFS: Double?
    public var limitedBy: Limit
    public var isNearSilent: Bool

    /// Whether the result is at the target (within 0.05 dB).
    public var reachedTarget: Bool { after.map { abs($0 - target) <= 0.05 } ?? false }
}

/// Volume normalization: one gain for the whole recording, capped so that nothing clips and
/// near-silent input is not boosted past a maximum.
public enum Normalizer {
    public static func normalize(_ waveform: Waveform, options: NormalizationOptions) throws(AudioError) -> (Waveform, NormalizationReport) {
        try options.validate()
        let levels = SignalLevels(waveform.samples)
        let peak = SignalLevels.decibels(amplitude: levels.peak)
        let rms = SignalLevels.decibels(power: levels.meanSquare)
        let before: Double? = switch options.mode {
        case .peak: peak
        case .rms: rms
        case .lufs: try LoudnessMeter.measure(waveform).integratedLUFS
        }
        let nearSilent = (rms ?? -.infinity) < AudioStats.nearSilentRMSDBFS
        guard let before, let peak else {
            let report = NormalizationReport(mode: options.mode, target: options.target, before: nil, after: nil,
                                             gainDB: 0, peakAfterDBFS: peak, limitedBy: .silence, isNearSilent: true)
            return (waveform, report)
        }
        // In peak mode the target is the ceiling; otherwise the ceiling caps the gain.
        let ceiling = options.mode == .peak ? options.target : options.ceilingDBFS
        var gain = options.target - before
        var limit = NormalizationReport.Limit.none
        if gain > options.maxGainDB {
            gain = options.maxGainDB
            limit = .maxGain
        }
        if peak + gain > ceiling + 1e-9 {
            gain = ceiling - peak
            limit = .ceiling
        }
        let scale = Float(pow(10, gain / 20))
        var output = waveform
        output.samples = waveform.samples.map { $0 * scale }
        let report = NormalizationReport(mode: options.mode, target: options.target, before: before, after: before + gain,
                                         gainDB: gain, peakAfterDBFS: peak + gain, limitedBy: limit, isNearSilent: nearSilent)
        return (output, report)
    }
}
