import Foundation

extension FeatureConfig: Codable {
    /// Kaldi's option names (dashes as underscores), so a Kaldi `.conf` maps one to one.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind = "type"
        case sampleFrequency = "sample_frequency"
        case frameLengthMs = "frame_length_ms"
        case frameShiftMs = "frame_shift_ms"
        case snipEdges = "snip_edges"
        case removeDCOffset = "remove_dc_offset"
        case preemphasisCoefficient = "preemphasis_coefficient"
        case windowType = "window_type"
        case roundToPowerOfTwo = "round_to_power_of_two"
        case blackmanCoefficient = "blackman_coeff"
        case dither
        case ditherSeed = "dither_seed"
        case numMelBins = "num_mel_bins"
        case lowFreq = "low_freq"
        case highFreq = "high_freq"
        case vtlnWarp = "vtln_warp"
        case vtlnLow = "vtln_low"
        case vtlnHigh = "vtln_high"
        case useEnergy = "use_energy"
        case rawEnergy = "raw_energy"
        case energyFloor = "energy_floor"
        case htkCompat = "htk_compat"
        case numCeps = "num_ceps"
        case cepstralLifter = "cepstral_lifter"
        case useLogFbank = "use_log_fbank"
        case usePower = "use_power"
    }

    /// Set under this key of `JSONDecoder.userInfo` to choose the defaults of a file that has
    /// no "type" key (MFCC otherwise).
    public static let defaultKindKey = CodingUserInfoKey(rawValue: "earshot.features.defaultKind")!

    /// Missing keys keep the defaults of the config's type; unknown keys are an error, so a
    /// misspelt option is never silently ignored.
    public init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = any.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(
                forKey: unknown, in: any, debugDescription: "unknown option \"\(unknown.stringValue)\"")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let fallback = decoder.userInfo[Self.defaultKindKey] as? FeatureKind ?? .mfcc
        self.init(kind: try c.decodeIfPresent(FeatureKind.self, forKey: .kind) ?? fallback)
        func load<T: Decodable>(_ key: CodingKeys, into value: inout T) throws {
            if let decoded = try c.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        sampleFrequency = try c.decodeIfPresent(Int.self, forKey: .sampleFrequency)
        try load(.frameLengthMs, into: &frameLengthMs)
        try load(.frameShiftMs, into: &frameShiftMs)
        try load(.snipEdges, into: &snipEdges)
        try load(.removeDCOffset, into: &removeDCOffset)
        try load(.preemphasisCoefficient, into: &preemphasisCoefficient)
        try load(.windowType, into: &windowType)
        try load(.roundToPowerOfTwo, into: &roundToPowerOfTwo)
        try load(.blackmanCoefficient, into: &blackmanCoefficient)
        try load(.dither, into: &dither)
        try load(.ditherSeed, into: &ditherSeed)
        try load(.numMelBins, into: &numMelBins)
        try load(.lowFreq, into: &lowFreq)
        try load(.highFreq, into: &highFreq)
        try load(.vtlnWarp, into: &vtlnWarp)
        try load(.vtlnLow, into: &vtlnLow)
        try load(.vtlnHigh, into: &vtlnHigh)
        try load(.useEnergy, into: &useEnergy)
        try load(.rawEnergy, into: &rawEnergy)
        try load(.energyFloor, into: &energyFloor)
        try load(.htkCompat, into: &htkCompat)
        try load(.numCeps, into: &numCeps)
        try load(.cepstralLifter, into: &cepstralLifter)
        try load(.useLogFbank, into: &useLogFbank)
        try load(.usePower, into: &usePower)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(sampleFrequency, forKey: .sampleFrequency)
        try c.encode(frameLengthMs, forKey: .frameLengthMs)
        try c.encode(frameShiftMs, forKey: .frameShiftMs)
        try c.encode(snipEdges, forKey: .snipEdges)
        try c.encode(removeDCOffset, forKey: .removeDCOffset)
        try c.encode(preemphasisCoefficient, forKey: .preemphasisCoefficient)
        try c.encode(windowType, forKey: .windowType)
        try c.encode(roundToPowerOfTwo, forKey: .roundToPowerOfTwo)
        try c.encode(blackmanCoefficient, forKey: .blackmanCoefficient)
        try c.encode(dither, forKey: .dither)
        try c.encode(ditherSeed, forKey: .ditherSeed)
        try c.encode(numMelBins, forKey: .numMelBins)
        try c.encode(lowFreq, forKey: .lowFreq)
        try c.encode(highFreq, forKey: .highFreq)
        // Only when warped, so files written before VTLN existed read back byte for byte.
        if vtlnWarp != 1 {
            try c.encode(vtlnWarp, forKey: .vtlnWarp)
            try c.encode(vtlnLow, forKey: .vtlnLow)
            try c.encode(vtlnHigh, forKey: .vtlnHigh)
        }
        try c.encode(useEnergy, forKey: .useEnergy)
        try c.encode(rawEnergy, forKey: .rawEnergy)
        try c.encode(energyFloor, forKey: .energyFloor)
        try c.encode(htkCompat, forKey: .htkCompat)
        try c.encode(numCeps, forKey: .numCeps)
        try c.encode(cepstralLifter, forKey: .cepstralLifter)
        try c.encode(useLogFbank, forKey: .useLogFbank)
        try c.encode(usePower, forKey: .usePower)
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension FeatureConfig {
    /// Reads a config file: JSON (`{"num_mel_bins": 40}`) or a Kaldi `.conf` (one
    /// `--num-mel-bins=40` per line, `#` comments). Options the file leaves out keep the
    /// defaults of `kind` (or of the file's "type").
    public static func load(path: String, defaultKind: FeatureKind) throws(FeatureError) -> FeatureConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .malformedFile(source: path, reason: "cannot read the config file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let json: Data
        if text.drop(while: \.isWhitespace).first == "{" {
            json = data
        } else {
            json = try kaldiConfToJSON(text, source: path)
        }
        let decoder = JSONDecoder()
        decoder.userInfo[defaultKindKey] = defaultKind
        do {
            return try decoder.decode(FeatureConfig.self, from: json)
        } catch {
            throw .malformedFile(source: path, reason: describe(error))
        }
    }

    /// Turns `--name=value` lines into a JSON object with typed values.
    static func kaldiConfToJSON(_ text: String, source: String) throws(FeatureError) -> Data {
        var object: [String: Any] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            guard line.hasPrefix("--"), let equals = line.firstIndex(of: "=") else {
                throw .malformedFile(source: source, reason: "line \(number + 1): expected --name=value, got \"\(line)\"")
            }
            let name = line[line.index(line.startIndex, offsetBy: 2)..<equals].replacingOccurrences(of: "-", with: "_")
            let value = String(line[line.index(after: equals)...])
            if value == "true" || value == "false" {
                object[name] = value == "true"
            } else if let number = Double(value) {
                object[name] = number
            } else {
                object[name] = value
            }
        }
        do {
            return try JSONSerialization.data(withJSONObject: object)
        } catch {
            throw .malformedFile(source: source, reason: "\(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? context.debugDescription : "\(field): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
