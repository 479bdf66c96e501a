import EarshotAudio
import EarshotText

/// Verifies a manifest: every entry's audio is decoded and measured (AudioStats), its
/// transcript checked, and the set compared with itself (duplicate ids, identical audio
/// with different labels, speaking-rate outliers).
public struct DataVerifier: Sendable {
    public struct Options: Sendable {
        public var allowedCharacters: AllowedCharacters?
        public var lexicon: WordList?
        public var expectedSampleRate: Int?
        /// A rate is an outlier when |x − median| / (1.4826 · MAD) exceeds this.
        public var rateOutlierScore: Double = 3.5
        /// A recording is clipped when more than this fraction of samples is at full scale.
        public var clippedFractionLimit: Double = 0.001

        public init(allowedCharacters: AllowedCharacters? = nil, lexicon: WordList? = nil, expectedSampleRate: Int? = nil,
                    rateOutlierScore: Double = 3.5, clippedFractionLimit: Double = 0.001) {
            self.allowedCharacters = allowedCharacters
            self.lexicon = lexicon
            self.expectedSampleRate = expectedSampleRate
            self.rateOutlierScore = rateOutlierScore
            self.clippedFractionLimit = clippedFractionLimit
        }
    }

    public var options: Options
    let lexiconNormalizer = TextNormalizer(name: "lexicon", steps: [.lowercase, .spellDigits, .stripPunctuation])
    let labelNormalizer = TextNormalizer.standard

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Verifies the manifest at `path`; `progress` is called once per entry.
    public func verify(manifestPath path: String, progress: (Bool) -> Void = { _ in }) throws(LabelsError) -> VerificationReport {
        let (entries, problems) = try ManifestReader.read(path: path)
        var report = verify(entries, manifestPath: path, progress: progress)
        report.problems = problems.map(\.description)
        return report
    }

    public func verify(_ entries: [ManifestRow], manifestPath: String, progress: (Bool) -> Void = { _ in }) -> VerificationReport {
        var findings: [VerificationFinding] = []
        func flag(_ entry: ManifestRow, _ check: VerificationCheck, _ detail: String) {
            findings.append(VerificationFinding(id: entry.id, line: entry.line, audio: entry.audio, check: check, detail: detail))
        }
        var firstLine: [String: Int] = [:]
        var rates: [(entry: ManifestRow, rate: Double)] = []
        var byHash: [UInt64: [ManifestRow]] = [:]
        var measured = 0
        for entry in entries {
            if let first = firstLine[entry.id] {
                flag(entry, .duplicateID, "id already used on line \(first)")
            } else {
                firstLine[entry.id] = entry.line
            }
            checkText(entry, flag: flag)
            var duration = entry.duration
            var failed = false
            if entry.audio.isEmpty {
                flag(entry, .missingAudio, "no audio path in the entry")
                failed = true
            } else {
                switch measure(entry.audioPath(manifestPath: manifestPath)) {
                case .failure(.fileNotFound(let audioPath)):
                    flag(entry, .missingAudio, "\(audioPath): no such file")
                    failed = true
                case .failure(let error):
                    flag(entry, .unreadableAudio, error.description)
                    failed = true
                case .success(let measurement):
                    measured += 1
                    duration = measurement.stats.durationSeconds
                    // An empty transcript is reported as such, not as a conflicting label.
                    if !entry.text.isEmpty { byHash[measurement.contentHash, default: []].append(entry) }
                    checkAudio(entry, measurement.stats, flag: flag)
                }
            }
            let characters = entry.text.filter { $0.isLetter || $0.isNumber }.count
            if let duration, duration > 0, characters > 0 { rates.append((entry, Double(characters) / duration)) }
            progress(failed)
        }
        let spread = RobustSpread(rates.map(\.rate))
        if let spread {
            for (entry, rate) in rates {
                let score = spread.score(rate)
                if abs(score) > options.rateOutlierScore {
                    flag(entry, .speakingRateOutlier, String(
                        format: "%.1f characters/s against a median of %.1f (robust z %.1f): %@", rate, spread.median, score,
                        score > 0 ? "audio truncated or label too long" : "label truncated or audio too long"))
                }
            }
        }
        for group in byHash.values where group.count > 1 {
            let labels = Set(group.map { labelNormalizer.normalize($0.text) })
            guard labels.count > 1 else { continue }
            for entry in group {
                let others = group.filter { $0.id != entry.id || $0.line != entry.line }
                    .map { "\($0.id) (\"\($0.text)\")" }.joined(separator: ", ")
                flag(entry, .identicalAudioDifferentLabels, "same audio content as \(others)")
            }
        }
        findings.sort { $0.line != $1.line ? $0.line < $1.line : $0.check.rawValue < $1.check.rawValue }
        return VerificationReport(manifest: manifestPath, entries: entries.count, audioMeasured: measured,
                                  medianCharactersPerSecond: spread?.median, madCharactersPerSecond: spread?.scaledMAD,
                                  findings: findings, problems: [])
    }

    func checkText(_ entry: ManifestRow, flag: (ManifestRow, VerificationCheck, String) -> Void) {
        guard entry.text.contains(where: { !$0.isWhitespace }) else {
            flag(entry, .emptyTranscript, "the transcript is empty")
            return
        }
        if let allowed = options.allowedCharacters {
            let bad = allowed.disallowed(in: entry.text)
            if !bad.isEmpty {
                flag(entry, .disallowedCharacters, "characters outside [\(allowed.specification)]: "
                     + bad.map { "'\($0)' (U+\(String($0.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)))" }
                        .joined(separator: ", "))
            }
        }
        if let lexicon = options.lexicon {
            let missing = lexiconNormalizer.words(entry.text).filter { !lexicon.words.contains($0) }
            if !missing.isEmpty { flag(entry, .outOfVocabulary, "not in the word list: " + missing.joined(separator: ", ")) }
        }
    }

    func checkAudio(_ entry: ManifestRow, _ stats: AudioStats, flag: (ManifestRow, VerificationCheck, String) -> Void) {
        if let expected = options.expectedSampleRate, stats.sampleRate != expected {
            flag(entry, .sampleRateMismatch, "\(stats.sampleRate) Hz, expected \(expected) Hz")
        }
        if stats.clippedFraction > options.clippedFractionLimit {
            flag(entry, .clipping, String(format: "%.2f%% of samples at full scale", stats.clippedFraction * 100))
        }
        if stats.isNearSilent {
            let level = stats.rmsDBFS.map { String(format: "%.1f dBFS", $0) } ?? "digital silence"
            flag(entry, .silence, "RMS level \(level), below \(Int(AudioStats.nearSilentRMSDBFS)) dBFS")
        }
    }

    struct Measurement {
        var stats: AudioStats
        var contentHash: UInt64
    }

    func measure(_ path: String) -> Result<Measurement, AudioError> {
        do {
            let waveform = try AudioFile.read(path: path)
            let stats = try AudioStats(measuring: waveform, file: path)
            return .success(Measurement(stats: stats, contentHash: ContentHash.of(waveform)))
        } catch {
            return .failure(error)
        }
    }
}
