import EarshotRollout
import Foundation

/// The rollout a server runs, from `--rollout FILE` (JSON) or `PUT /admin/rollout`.
public struct RolloutConfiguration: Sendable, Codable, Equatable {
    public enum Mode: String, Sendable, Codable, Equatable {
        /// Only the primary serves.
        case off
        /// The candidate runs on a copy of each request, asynchronously; clients see the primary.
        case shadow
        /// A ramping share of clients is served by the candidate.
        case canary
    }

    public var mode: Mode = .off
    /// The candidate model's name (a loaded model); required for shadow and canary.
    public var candidate: String?
    public var schedule: CanarySchedule = .standard
    public var rules: RollbackRules = .init()
    public var gate: QualityGate = .init()
    /// Promotion waits for probe WER evidence (`PUT /admin/rollout/evidence`).
    public var requireProbes = false
    /// Promotion waits for enough shadow comparisons under the disagreement threshold.
    public var requireShadow = false
    /// At the end of the ramp the candidate becomes the primary.
    public var promoteAtEnd = true
    /// A labelled probe manifest (JSON lines, `audio` and `text`) the server replays through both
    /// models when the rollout starts; its WERs become the quality gate's probe evidence.
    public var probes: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case mode, candidate, schedule, rules, gate
        case requireProbes = "require_probes", requireShadow = "require_shadow", promoteAtEnd = "promote_at_end", probes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RolloutConfiguration()
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode) ?? defaults.mode
        candidate = try c.decodeIfPresent(String.self, forKey: .candidate)
        schedule = try c.decodeIfPresent(CanarySchedule.self, forKey: .schedule) ?? defaults.schedule
        rules = try c.decodeIfPresent(RollbackRules.self, forKey: .rules) ?? defaults.rules
        gate = try c.decodeIfPresent(QualityGate.self, forKey: .gate) ?? defaults.gate
        requireProbes = try c.decodeIfPresent(Bool.self, forKey: .requireProbes) ?? defaults.requireProbes
        requireShadow = try c.decodeIfPresent(Bool.self, forKey: .requireShadow) ?? defaults.requireShadow
        promoteAtEnd = try c.decodeIfPresent(Bool.self, forKey: .promoteAtEnd) ?? defaults.promoteAtEnd
        probes = try c.decodeIfPresent(String.self, forKey: .probes)
    }

    /// Parses a JSON configuration, naming `source` (a file or the admin API) in errors.
    public static func decode(_ data: Data, source: String) throws(ServingError) -> RolloutConfiguration {
        do {
            return try JSONDecoder().decode(RolloutConfiguration.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .badRequest("\(source): invalid rollout JSON: \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("\(source): rollout field '\(key.stringValue)' is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .badRequest("\(source): rollout field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw .badRequest("\(source): invalid rollout JSON: \(error)")
        }
    }
}
