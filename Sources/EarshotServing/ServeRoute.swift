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

    init?(path: String) {
        // One trailing slash is tolerated, as the router does.
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        self.init(rawValue: trimmed)
    }

    var method: HTTPRequest.Method {
        switch self {
        case .transcribe, .batch: .post
        case .healthz, .readyz, .models, .metrics: .get
        }
    }

    /// Routes that need an API key when keys are configured; probes and metrics stay open for
    /// the orchestrator and the scraper.
    var requiresKey: Bool {
        switch self {
        case .transcribe, .batch, .models: true
        case .healthz, .readyz, .metrics: false
        }
    }

    /// Routes whose every request becomes request-log rows.
    var isRecognition: Bool { self == .transcribe || self == .batch }
}
