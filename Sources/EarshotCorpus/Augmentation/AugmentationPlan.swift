import EarshotCore
/// The augmentations applied to one utterance, and the tags that record them.
public struct AugmentationPlan: Sendable, Equatable {
    /// Playback speed factor (1 = unchanged); changes tempo and pitch together, as Kaldi does.
    public var speed: Double = 1
    /// Reverberation time (RT60) in seconds, if any.
    public var reverbDecay: Double?
    public var noise: NoiseKind?
    public var snr: Double = 20
    public var babbleTalkers = 3
    public var telephone = false
    /// Gain in dB, if any.
    public var gain: Double?

    public init(speed: Double = 1, reverbDecay: Double? = nil, noise: NoiseKind? = nil, snr: Double = 20,
                babbleTalkers: Int = 3, telephone: Bool = false, gain: Double? = nil) {
        self.speed = speed
        self.reverbDecay = reverbDecay
        self.noise = noise
        self.snr = snr
        self.babbleTalkers = babbleTalkers
        self.telephone = telephone
        self.gain = gain
    }

    /// One tag per applied augmentation: `speed=1.1`, `reverb=0.4`, `noise=car`, `snr=10`,
    /// `bandwidth=8k`, `gain=-12`.
    public var tags: [String: String] {
        var tags: [String: String] = [:]
        if speed != 1 { tags["speed"] = Self.format(speed) }
        if let reverbDecay { tags["reverb"] = Self.format(reverbDecay) }
        if let noise {
            tags["noise"] = noise.rawValue
            tags["snr"] = Self.format(snr)
        }
        if telephone { tags["bandwidth"] = "8k" }
        if let gain { tags["gain"] = Self.format(gain) }
        return tags
    }

    /// Numbers as short text: `10`, `-12`, `1.1`, `0.35`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String((value * 1000).rounded() / 1000)
    }
}

/// How likely each augmentation is and the values it draws from; `plan(using:)` picks one
/// utterance's augmentations.
public struct AugmentationPolicy: Sendable, Equatable {
    public var noiseKinds: [NoiseKind] = NoiseKind.allCases
    public var noiseProbability = 0.8
    public var snrs: [Double] = [0, 5, 10, 15, 20]
    public var babbleTalkers: ClosedRange<Int> = 3...6
    public var gainRange: ClosedRange<Int> = -20...20
    public var gainProbability = 0.5
    public var telephoneProbability = 0.25
    public var speeds: [Double] = [0.9, 1.0, 1.1]
    public var reverbProbability = 0.2
    public var reverbDecays: [Double] = [0.2, 0.3, 0.4, 0.6, 0.8]

    public init() {}

    /// Checks ranges a user may have set; returns the reason the policy is invalid, if it is.
    public func problem() -> String? {
        for (name, probability) in [("noise", noiseProbability), ("gain", gainProbability),
                                    ("telephone", telephoneProbability), ("reverb", reverbProbability)]
            where !(0...1).contains(probability) {
            return "\(name) probability \(probability) is not within 0...1"
        }
        if noiseProbability > 0 && (noiseKinds.isEmpty || snrs.isEmpty) { return "noise needs at least one kind and one SNR" }
        if snrs.contains(where: { !$0.isFinite || abs($0) > 100 }) { return "SNRs must be finite dB values within ±100" }
        if gainRange.lowerBound < -60 || gainRange.upperBound > 60 { return "gain must stay within -60...60 dB" }
        if speeds.isEmpty || speeds.contains(where: { !(0.5...2).contains($0) }) { return "speeds must be within 0.5...2" }
        if reverbProbability > 0 && (reverbDecays.isEmpty || reverbDecays.contains(where: { !(0.05...3).contains($0) })) {
            return "reverberation times must be within 0.05...3 s"
        }
        if babbleTalkers.lowerBound < 1 { return "babble needs at least one talker" }
        return nil
    }

    public func plan(using generator: inout SplitMix64) -> AugmentationPlan {
        var plan = AugmentationPlan()
        plan.speed = speeds.randomElement(using: &generator) ?? 1
        if chance(reverbProbability, &generator) { plan.reverbDecay = reverbDecays.randomElement(using: &generator) }
        if chance(noiseProbability, &generator) {
            plan.noise = noiseKinds.randomElement(using: &generator)
            plan.snr = snrs.randomElement(using: &generator) ?? 20
            plan.babbleTalkers = Int.random(in: babbleTalkers, using: &generator)
        }
        plan.telephone = chance(telephoneProbability, &generator)
        if chance(gainProbability, &generator) { plan.gain = Double(Int.random(in: gainRange, using: &generator)) }
        return plan
    }

    private func chance(_ probability: Double, _ generator: inout SplitMix64) -> Bool {
        probability > 0 && Double(generator.nextUnitFloat()) < probability
    }
}
