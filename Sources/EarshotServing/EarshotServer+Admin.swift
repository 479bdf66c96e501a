import EarshotRollout
import Foundation
import Hummingbird

/// The body of `POST /admin/switch`: the model to make primary, or none to switch back.
struct SwitchRequest: Codable, Sendable {
    var primary: String?
    var reason: String?
}

/// The body of `PUT /admin/rollout/evidence`: probe-set WERs from replaying a labelled set
/// through the server (`?model=` each).
struct ProbeEvidence: Codable, Sendable {
    var primaryWER: Double
    var candidateWER: Double

    enum CodingKeys: String, CodingKey { case primaryWER = "primary_wer", candidateWER = "candidate_wer" }
}

extension EarshotServer {
    /// Installs a rollout and, when it names a probe set, replays it through both models in the
    /// background; the WERs arrive as the quality gate's evidence.
    static func applyRollout(_ configuration: RolloutConfiguration, state: ServerState) throws(ServingError) {
        let probes = try configuration.probes.map { path throws(ServingError) in try ProbeSet(manifest: path) }
        try state.rollout.configure(configuration)
        guard let probes, let candidate = configuration.candidate else { return }
        let primary = state.rollout.models.primary.name
        let timeout = state.configuration.requestTimeout
        Task.detached(priority: .low) {
            let primaryWER = await probes.wer(model: primary, engine: state.engine, timeout: timeout)
            let candidateWER = await probes.wer(model: candidate, engine: state.engine, timeout: timeout)
            state.rollout.setProbeEvidence(primaryWER: primaryWER, candidateWER: candidateWER)
            state.logger.notice("probe set replayed", metadata: [
                "primary": "\(primary)", "primary_wer": "\(primaryWER)", "candidate": "\(candidate)",
                "candidate_wer": "\(candidateWER)", "probes": "\(probes.items.count)",
            ])
        }
    }

    /// `/admin/rollout` (GET the state, PUT a new configuration), `/admin/rollout/evidence` and
    /// `/admin/switch` (blue-green). The middleware checks the admin key.
    func addAdminRoutes(to router: Router<ServeRequestContext>) {
        let state = self.state
        router.get(.init(ServeRoute.adminRollout.rawValue)) { _, _ in Response.json(state.rollout.status) }
        router.put(.init(ServeRoute.adminRollout.rawValue)) { request, context in
            let body = try await Self.readBody(request, context: context, state: state)
            let configuration = try RolloutConfiguration.decode(Data(body), source: "PUT /admin/rollout")
            do {
                try Self.applyRollout(configuration, state: state)
            } catch ServingError.invalidConfiguration(let reason) {
                throw ServingError.badRequest(reason)  // the client's configuration, not the server's
            }
            return Response.json(state.rollout.status)
        }
        router.put(.init(ServeRoute.adminEvidence.rawValue)) { request, context in
            let body = try await Self.readBody(request, context: context, state: state)
            guard let evidence = try? JSONDecoder().decode(ProbeEvidence.self, from: Data(body)),
                  (0...10).contains(evidence.primaryWER), (0...10).contains(evidence.candidateWER) else {
                throw ServingError.badRequest("evidence must be JSON {\"primary_wer\": x, \"candidate_wer\": y} with rates in 0...10")
            }
            state.rollout.setProbeEvidence(primaryWER: evidence.primaryWER, candidateWER: evidence.candidateWER)
            return Response.json(state.rollout.status)
        }
        router.post(.init(ServeRoute.adminSwitch.rawValue)) { request, context in
            let body = try await Self.readBody(request, context: context, state: state)
            let switchRequest: SwitchRequest
            if body.isEmpty {
                switchRequest = SwitchRequest()
            } else {
                guard let decoded = try? JSONDecoder().decode(SwitchRequest.self, from: Data(body)) else {
                    throw ServingError.badRequest("switch body must be JSON {\"primary\": NAME} or empty to switch back")
                }
                switchRequest = decoded
            }
            let reason = switchRequest.reason ?? "operator"
            if let name = switchRequest.primary {
                try state.rollout.switchPrimary(to: name, reason: reason)
            } else {
                try state.rollout.switchBack(reason: reason)
            }
            return Response.json(state.rollout.status)
        }
    }
}
