import HTTPTypes
import Hummingbird

/// The server's routes: their templates label metrics, and the table tells a wrong method
/// (405) from an unknown path (404).
enum ServeRoute: String, CaseIterable, Sendable {
    case healthz = "/healthz"
    case readyz = "/readyz"
    case models = "/v1/models"
    case metrics = "/metrics"
    case transcribe = "/v1/transcribe"
    case batch = "/v1/transcribe/batch"
    case feedback = "/v1/feedback"
    case monitoring = "/v1/monitoring"
    case adminRollout = "/admin/rollout"
    case adminEvidence = "/admin/rollout/evidence"
    case adminSwitch = "/admin/switch"

    init?(path: String) {
        // One trailing slash is tolerated, as the router does.
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.init(rawValue: trimmed)
    }

    var methods: [HTTPRequest.Method] {
        switch self {
        case .transcribe, .batch, .adminSwitch, .feedback: [.post]
        case .healthz, .readyz, .models, .metrics, .monitoring: [.get]
        case .adminRollout: [.get, .put]
        case .adminEvidence: [.put]
        }
    }

    /// Routes behind the admin key (its own, never the clients' API keys).
    var isAdmin: Bool { self == .adminRollout || self == .adminSwitch || self == .adminEvidence }

    /// Routes that need an API key when keys are configured; probes and metrics stay open for
    /// the orchestrator and the scraper.
    var requiresKey: Bool {
        switch self {
        case .transcribe, .batch, .models, .feedback, .monitoring: true
        case .healthz, .readyz, .metrics, .adminRollout, .adminEvidence, .adminSwitch: false
        }
    }

    /// Routes whose every request becomes request-log rows.
    var isRecognition: Bool { self == .transcribe || self == .batch }
}
