import ArgumentParser
import EarshotFeatures

extension FeatureKind: ExpressibleByArgument {}
extension WindowType: ExpressibleByArgument {}
extension FeatureFileFormat: ExpressibleByArgument {}

/// Kaldi's feature options under Kaldi's names (`--num-mel-bins 40`, `--snip-edges false`);
/// each one given overrides the config file and the defaults of `--type`.
struct KaldiFeatureOptions: ParsableArguments {
    @Option(help: "Require audio at this rate in Hz (default: each input's own rate).") var sampleFrequency: Int?
    @Option(help: "Frame length in milliseconds (default 25).") var frameLengthMs: Double?
    @Option(help: "Frame shift in milliseconds (default 10).") var frameShiftMs: Double?
    @Option(help: "true: only whole frames; false: frames centred every shift, edges reflected (default true).")
    var snipEdges: Bool?
    @Option(help: "Subtract each frame's mean (default true).") var removeDcOffset: Bool?
    @Option(help: "Pre-emphasis coefficient (default 0.97).") var preemphasisCoefficient: Float?
    @Option(help: "Analysis window (default povey).") var windowType: WindowType?
    @Option(help: "Round the FFT size up to a power of two (default true).") var roundToPowerOfTwo: Bool?
    @Option(help: "Blackman window coefficient (default 0.42).") var blackmanCoeff: Float?
    @Option(help: "Gaussian dither in 16-bit units, 0 = off (default 0).") var dither: Float?
    @Option(help: "Seed of the dither noise (default 0).") var ditherSeed: UInt64?
    @Option(help: "Mel bins (default 23 for mfcc, 80 for fbank).") var numMelBins: Int?
    @Option(help: "Lowest mel frequency in Hz (default 20).") var lowFreq: Float?
    @Option(help: "Highest mel frequency in Hz; 0 = Nyquist, negative = below Nyquist (default 0).") var highFreq: Float?
    @Option(help: "MFCC: log energy replaces c0; fbank: log energy prepended (default true for mfcc, false for fbank).")
    var useEnergy: Bool?
    @Option(help: "Energy before pre-emphasis and windowing (default true).") var rawEnergy: Bool?
    @Option(help: "Floor on the energy, 0 = none (default 0).") var energyFloor: Float?
    @Option(help: "HTK column order: energy (or c0) last (default false).") var htkCompat: Bool?
    @Option(help: "Cepstra per frame, MFCC (default 13).") var numCeps: Int?
    @Option(help: "Cepstral lifter, 0 = none (default 22).") var cepstralLifter: Float?
    @Option(help: "Fbank: log of the mel energies (default true).") var useLogFbank: Bool?
    @Option(help: "Fbank: power rather than magnitude spectrum (default true).") var usePower: Bool?

    func apply(to config: inout FeatureConfig) {
        func set<T>(_ value: T?, _ keyPath: WritableKeyPath<FeatureConfig, T>) {
            if let value { config[keyPath: keyPath] = value }
        }
        if let sampleFrequency { config.sampleFrequency = sampleFrequency }
        set(frameLengthMs, \.frameLengthMs)
        set(frameShiftMs, \.frameShiftMs)
        set(snipEdges, \.snipEdges)
        set(removeDcOffset, \.removeDCOffset)
        set(preemphasisCoefficient, \.preemphasisCoefficient)
        set(windowType, \.windowType)
        set(roundToPowerOfTwo, \.roundToPowerOfTwo)
        set(blackmanCoeff, \.blackmanCoefficient)
        set(dither, \.dither)
        set(ditherSeed, \.ditherSeed)
        set(numMelBins, \.numMelBins)
        set(lowFreq, \.lowFreq)
        set(highFreq, \.highFreq)
        set(useEnergy, \.useEnergy)
        set(rawEnergy, \.rawEnergy)
        set(energyFloor, \.energyFloor)
        set(htkCompat, \.htkCompat)
        set(numCeps, \.numCeps)
        set(cepstralLifter, \.cepstralLifter)
        set(useLogFbank, \.useLogFbank)
        set(usePower, \.usePower)
    }
}
