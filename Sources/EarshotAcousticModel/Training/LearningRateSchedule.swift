#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Learning rate as a function of the update step (0-based), e.g. in JSON
/// `{"warmupCosine": {"peak": 0.002, "warmupSteps": 500, "totalSteps": 20000, "floor": 0.00002}}`.
public enum LearningRateSchedule: Codable, Sendable, Equatable, Hashable {
    case constant(rate: Double)
    /// Linear warm-up from 0 to `peak`, then half a cosine down to `floor` at `totalSteps` (held after).
    case warmupCosine(peak: Double, warmupSteps: Int, totalSteps: Int, floor: Double)
    /// Linear warm-up to `peak`, then × `factor` every `interval` steps.
    case warmupStep(peak: Double, warmupSteps: Int, interval: Int, factor: Double)

    public func rate(atStep step: Int) -> Double {
        switch self {
        case .constant(let rate):
            return rate
        case .warmupCosine(let peak, let warmup, let total, let floor):
            if step < warmup { return peak * Double(step + 1) / Double(warmup) }
            let progress = min(1, Double(step - warmup) / Double(max(1, total - warmup)))
            return floor + (peak - floor) * 0.5 * (1 + cos(Double.pi * progress))
        case .warmupStep(let peak, let warmup, let interval, let factor):
            if step < warmup { return peak * Double(step + 1) / Double(warmup) }
            return peak * pow(factor, Double((step - warmup) / max(1, interval)))
        }
    }

    public func validate() throws {
        let field = "schedule"
        func check(_ ok: Bool, _ reason: String) throws {
            if !ok { throw AcousticModelError.invalidConfiguration(field: field, reason: reason) }
        }
        switch self {
        case .constant(let rate):
            try check(rate > 0 && rate.isFinite, "rate \(rate) is not positive")
        case .warmupCosine(let peak, let warmup, let total, let floor):
            try check(peak > 0 && peak.isFinite, "peak \(peak) is not positive")
            try check(warmup >= 0 && total > warmup, "need 0 ≤ warmupSteps < totalSteps")
            try check(floor >= 0 && floor <= peak, "floor \(floor) is not in [0, peak]")
        case .warmupStep(let peak, let warmup, let interval, let factor):
            try check(peak > 0 && peak.isFinite, "peak \(peak) is not positive")
            try check(warmup >= 0 && interval > 0, "need warmupSteps ≥ 0 and interval > 0")
            try check(factor > 0 && factor <= 1, "factor \(factor) is not in (0, 1]")
        }
    }
}

/// Reduce-on-plateau: multiplies a scale by `factor` after `patience` evaluations without an
/// improvement of the monitored value (lower is better, e.g. dev loss or WER). Applied on top of
/// a schedule by the training loop, per epoch.
public struct PlateauDecay: Codable, Sendable, Equatable {
    public let factor: Double
    public let patience: Int
    public private(set) var scale: Double = 1
    public private(set) var best: Double = .infinity
    public private(set) var evaluationsSinceBest = 0

    public init(factor: Double = 0.5, patience: Int = 2) {
        self.factor = factor
        self.patience = patience
    }

    /// Records one evaluation; returns true when the scale was just reduced.
    @discardableResult
    public mutating func observe(_ value: Double) -> Bool {
        if value < best {
            best = value
            evaluationsSinceBest = 0
            return false
        }
        evaluationsSinceBest += 1
        guard evaluationsSinceBest >= patience else { return false }
        scale *= factor
        evaluationsSinceBest = 0
        return true
    }
}
