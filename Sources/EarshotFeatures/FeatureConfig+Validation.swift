extension FeatureConfig {
    /// Checks the options that do not depend on the sample rate (the rest are checked when an
    /// extractor is built for a rate), so a bad option fails once, before any input is read.
    public func validate() throws(FeatureError) {
        func require(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) throws(FeatureError) {
            if !condition { throw .invalidOption(field: field, reason: reason()) }
        }
        try require(sampleFrequency.map { $0 > 0 } ?? true, "sample_frequency", "must be positive, got \(sampleFrequency ?? 0)")
        try require(frameLengthMs.isFinite && frameLengthMs > 0, "frame_length_ms", "must be positive, got \(frameLengthMs)")
        try require(frameShiftMs.isFinite && frameShiftMs > 0, "frame_shift_ms", "must be positive, got \(frameShiftMs)")
        try require(preemphasisCoefficient.isFinite && (0...1).contains(preemphasisCoefficient),
                    "preemphasis_coefficient", "must be in [0, 1], got \(preemphasisCoefficient)")
        try require(blackmanCoefficient.isFinite, "blackman_coeff", "must be finite")
        try require(dither.isFinite && dither >= 0, "dither", "must be 0 (off) or positive, got \(dither)")
        try require(energyFloor.isFinite && energyFloor >= 0, "energy_floor", "must be 0 (off) or positive, got \(energyFloor)")
        try require(numMelBins >= 3, "num_mel_bins", "need at least 3 mel bins, got \(numMelBins)")
        try require(lowFreq.isFinite && lowFreq >= 0, "low_freq", "must be 0 or more, got \(lowFreq)")
        try require(highFreq.isFinite, "high_freq", "must be finite")
        try require(highFreq <= 0 || highFreq > lowFreq, "high_freq", "\(highFreq) Hz is not above low_freq \(lowFreq) Hz")
        try require(vtlnWarp.isFinite && vtlnWarp > 0, "vtln_warp", "must be a positive factor, got \(vtlnWarp)")
        try require(vtlnLow.isFinite && vtlnHigh.isFinite, "vtln_low/vtln_high", "must be finite")
        if kind == .mfcc {
            try require((1...numMelBins).contains(numCeps), "num_ceps", "need 1 to num_mel_bins (\(numMelBins)) cepstra, got \(numCeps)")
            try require(cepstralLifter.isFinite && cepstralLifter >= 0, "cepstral_lifter", "must be 0 (off) or positive, got \(cepstralLifter)")
        }
    }
}
