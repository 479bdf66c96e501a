import EarshotRecognizer
import Synchronization

/// The recognizers a server holds, one of them primary. A request may name another with
/// `?model=NAME`. Held behind a lock so a later rollout can swap slots while serving.
public final class ModelRegistry: Sendable {
    private struct Slots {
        var primary: String
        var recognizers: [String: any SpeechRecognizer]
    }

    private let slots: Mutex<Slots>

    /// `primary` serves requests that name no model; `others` are reachable by name.
    public init(primary: any SpeechRecognizer, others: [any SpeechRecognizer] = []) {
        var byName: [String: any SpeechRecognizer] = [:]
        for recognizer in others { byName[recognizer.modelInfo.name] = recognizer }
        byName[primary.modelInfo.name] = primary
        slots = Mutex(Slots(primary: primary.modelInfo.name, recognizers: byName))
    }

    /// The recognizer for `name`, or the primary when `name` is nil or empty.
    public func recognizer(named name: String?) throws(ServingError) -> any SpeechRecognizer {
        let found: (any SpeechRecognizer)? = slots.withLock { slots in
            guard let name, !name.isEmpty else { return slots.recognizers[slots.primary] }
            return slots.recognizers[name]
        }
        guard let found else { throw .unknownModel(name ?? "") }
        return found
    }

    /// Makes `name` the primary in one step (blue-green): requests already holding a recognizer
    /// finish on it, every later one gets the new primary. Returns the previous primary.
    public func setPrimary(_ name: String) throws(ServingError) -> ModelInfo {
        let previous: ModelInfo? = slots.withLock { slots in
            guard slots.recognizers[name] != nil else { return nil }
            let previous = slots.recognizers[slots.primary]?.modelInfo ?? ModelInfo(name: slots.primary, version: "unknown")
            slots.primary = name
            return previous
        }
        guard let previous else { throw .unknownModel(name) }
        return previous
    }

    public var primary: ModelInfo {
        slots.withLock { slots in
            slots.recognizers[slots.primary]?.modelInfo ?? ModelInfo(name: slots.primary, version: "unknown")
        }
    }

    /// Every model, the primary first, then by name.
    public var models: [ModelInfo] {
        slots.withLock { slots in
            let others = slots.recognizers.keys.filter { $0 != slots.primary }.sorted()
            return ([slots.primary] + others).compactMap { slots.recognizers[$0]?.modelInfo }
        }
    }
}
