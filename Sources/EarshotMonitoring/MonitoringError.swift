/// Errors of the monitoring module.
public enum MonitoringError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyReference
    case invalidSetting(String)
    case unknownMetric(String)

    public var description: String {
        switch self {
        case .emptyReference: "a reference distribution needs at least one finite value"
        case .invalidSetting(let reason): reason
        case .unknownMetric(let name): "no reference statistics for metric '\(name)'"
        }
    }
}
