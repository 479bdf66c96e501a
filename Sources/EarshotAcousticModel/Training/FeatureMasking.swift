import EarshotCore
/// SpecAugment-style masking for training (Park et al., 2019, without time warping): a few bands
/// of feature dimensions and a few runs of frames are overwritten with `fillValue` (0 is the mean
/// after CMVN), so the model cannot lean on any one band or moment. Seeded, so epochs replay.
public struct FeatureMasking: Codable, Sendable, Equatable, Hashable {
    public var frequencyMasks: Int
    /// Widest frequency band, in feature dimensions (each band is 0...this wide).
    public var maxFrequencyWidth: Int
    public var timeMasks: Int
    /// Longest run of frames (each run is 0...this long, and at most `maxTimeFraction` of the utterance).
    public var maxTimeWidth: Int
    public var maxTimeFraction: Double
    public var fillValue: Float

    public init(frequencyMasks: Int = 2, maxFrequencyWidth: Int = 6, timeMasks: Int = 2, maxTimeWidth: Int = 10,
                maxTimeFraction: Double = 0.15, fillValue: Float = 0) {
        self.frequencyMasks = frequencyMasks
        self.maxFrequencyWidth = maxFrequencyWidth
        self.timeMasks = timeMasks
        self.maxTimeWidth = maxTimeWidth
        self.maxTimeFraction = maxTimeFraction
        self.fillValue = fillValue
    }

    public func validate() throws {
        for (name, value) in [("frequencyMasks", frequencyMasks), ("maxFrequencyWidth", maxFrequencyWidth),
                              ("timeMasks", timeMasks), ("maxTimeWidth", maxTimeWidth)] where !(0...1000).contains(value) {
            throw AcousticModelError.invalidConfiguration(field: "masking.\(name)", reason: "\(value) is not in 0...1000")
        }
        guard maxTimeFraction >= 0, maxTimeFraction <= 1 else {
            throw AcousticModelError.invalidConfiguration(field: "masking.maxTimeFraction", reason: "\(maxTimeFraction) is not in [0, 1]")
        }
        guard fillValue.isFinite else {
            throw AcousticModelError.invalidConfiguration(field: "masking.fillValue", reason: "not finite")
        }
    }

    /// Out-of-range settings are clamped here (no traps); `validate()` reports them.
    public func apply(to features: FrameMatrix, rng: inout SeededGenerator) -> FrameMatrix {
        let frames = features.frames, dims = features.dimensions
        let fraction = maxTimeFraction.isFinite ? min(max(maxTimeFraction, 0), 1) : 0
        var values = features.values
        for _ in 0..<max(frequencyMasks, 0) {
            let (start, width) = Self.band(limit: min(maxFrequencyWidth, dims), extent: dims, rng: &rng)
            for t in 0..<frames { for d in start ..< start + width { values[t * dims + d] = fillValue } }
        }
        let timeLimit = min(maxTimeWidth, Int(fraction * Double(frames)))
        for _ in 0..<max(timeMasks, 0) {
            let (start, width) = Self.band(limit: timeLimit, extent: frames, rng: &rng)
            for i in start * dims ..< (start + width) * dims { values[i] = fillValue }
        }
        return FrameMatrix(unchecked: frames, dims, values)
    }

    /// A run of 0...limit positions starting uniformly where it fits inside 0..<extent.
    private static func band(limit: Int, extent: Int, rng: inout SeededGenerator) -> (start: Int, width: Int) {
        let width = rng.nextIndex(below: max(limit, 0) + 1)
        let start = rng.nextIndex(below: extent - width + 1)
        return (start, width)
    }
}
