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
    /// Installs a rollout. When it names a probe set, the rollout replays it through both
    /// models on this server's engine when it starts and at every canary step; the WERs are
    /// the quality gate's evidence for that step.
    static func applyRollout(_ configuration: RolloutConfiguration, state: ServerState) throws(ServingError) {
        let probes = try configuration.probes.map { path throws(ServingError) in try ProbeSet(manifest: path) }
        let runner = probes?.runner(engine: state.engine, timeout: state.configuration.requestTimeout)
        try state.rollout.configure(configuration, probes: runner)
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
