/// Errors of the rollout module, each naming the setting and why it cannot work.
public enum RolloutError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSchedule(String)
    case invalidThreshold(String)

    public var description: String {
        switch self {
        case .invalidSchedule(let reason): "canary schedule: \(reason)"
        case .invalidThreshold(let reason): "rollback threshold: \(reason)"
        }
    }
}
