import Foundation

/// Platt scaling of utterance confidence: calibrated = σ(slope · logit(raw) + intercept), fitted
/// by logistic regression of "the transcript was exactly right" on the raw confidence's logit
/// over a dev set. Temperature scaling is the case intercept = 0; the intercept also absorbs a
/// constant over- or under-confidence. Monotone, so it changes no ranking, only what a value
/// means: after fitting, 0.8 should be right four times in five.
public struct ConfidenceCalibration: Sendable, Codable, Equatable {
    public var slope: Double
    public var intercept: Double

    public init(slope: Double = 1, intercept: Double = 0) {
        self.slope = slope
        self.intercept = intercept
    }

    public static let identity = ConfidenceCalibration()

    public func apply(_ raw: Double) -> Double {
        1 / (1 + exp(-(slope * Self.logit(raw) + intercept)))
    }

    /// Raw confidences are clamped away from 0 and 1 so that their logit is finite.
    static func logit(_ p: Double) -> Double {
        let clamped = min(max(p.isFinite ? p : 0, 1e-6), 1 - 1e-6)
        return log(clamped / (1 - clamped))
    }

    /// Maximum-likelihood fit by Newton's method, with a weak Gaussian prior on the two
    /// parameters (as Platt's target smoothing does) so that a dev set the raw confidence
    /// separates perfectly still gives finite values. nil with fewer than `minimumCount` examples
    /// or only one outcome: nothing to learn a mapping from.
    public static func fit(confidences: [Double], correct: [Bool], minimumCount: Int = 20) -> ConfidenceCalibration? {
        let count = min(confidences.count, correct.count)
        guard count >= minimumCount else { return nil }
        let rights = correct.prefix(count).filter { $0 }.count
        guard rights > 0, rights < count else { return nil }
        let x = confidences.prefix(count).map(logit)
        // Platt's smoothed targets: (N+ + 1)/(N+ + 2) and 1/(N− + 2).
        let high = (Double(rights) + 1) / (Double(rights) + 2), low = 1 / (Double(count - rights) + 2)
        let y = correct.prefix(count).map { $0 ? high : low }
        let prior = 1e-3
        var a = 1.0, b = 0.0
        for _ in 0..<100 {
            var ga = prior * (a - 1), gb = prior * b
            var haa = prior, hab = 0.0, hbb = prior
            for i in 0..<count {
                let p = 1 / (1 + exp(-(a * x[i] + b)))
                let residual = p - y[i], weight = max(p * (1 - p), 1e-12)
                ga += residual * x[i]
                gb += residual
                haa += weight * x[i] * x[i]
                hab += weight * x[i]
                hbb += weight
            }
            let determinant = haa * hbb - hab * hab
            guard determinant > 1e-12 else { break }
            let stepA = (hbb * ga - hab * gb) / determinant
            let stepB = (haa * gb - hab * ga) / determinant
            a -= stepA
            b -= stepB
            if abs(stepA) + abs(stepB) < 1e-10 { break }
        }
        guard a.isFinite, b.isFinite else { return nil }
        return ConfidenceCalibration(slope: a, intercept: b)
    }
}
