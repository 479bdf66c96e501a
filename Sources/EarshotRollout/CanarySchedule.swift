/// The canary ramp: the candidate's share of traffic at each step and how long each step must
/// hold (with its checks passing) before the next.
public struct CanarySchedule: Sendable, Codable, Equatable {
    /// Percentages of traffic, strictly increasing, each in 0 < p ≤ 100.
    public var steps: [Double]
    /// Seconds a step holds before promotion is considered.
    public var holdSeconds: Double

    /// 1 → 5 → 25 → 50 → 100 %, five minutes each: small first steps limit the blast radius,
    /// while the hold gives the minimum sample counts time to fill.
    public static let standard = CanarySchedule(steps: [1, 5, 25, 50, 100], holdSeconds: 300)

    public init(steps: [Double], holdSeconds: Double) {
        self.steps = steps
        self.holdSeconds = holdSeconds
    }

    public func validate() throws(RolloutError) {
        guard !steps.isEmpty else { throw .invalidSchedule("needs at least one step") }
        for (index, step) in steps.enumerated() {
            guard step > 0, step <= 100 else { throw .invalidSchedule("step \(index) is \(step)%, must be in (0, 100]") }
            if index > 0, step <= steps[index - 1] { throw .invalidSchedule("steps must increase, step \(index) is \(step)%") }
        }
        guard holdSeconds >= 0, holdSeconds.isFinite else { throw .invalidSchedule("hold seconds must be ≥ 0") }
    }
}
