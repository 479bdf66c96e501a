/// Which arm serves a request.
public enum Arm: String, Sendable, Codable, Equatable {
    case primary, candidate
}

/// Assigns requests to the candidate with a given probability: sticky per client (the same
/// `X-Client-Id` always lands on the same arm at a given share, and a client on the candidate
/// stays there as the share grows), random otherwise.
public enum TrafficSplitter {
    /// The client's fixed position in [0, 100): FNV-1a of its id, stable across processes and
    /// restarts (Swift's `Hasher` is seeded per process, so it would not be).
    public static func bucket(clientID: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in clientID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        // Finalize (splitmix64) so similar ids spread evenly.
        hash ^= hash >> 30
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash = hash &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Double(hash % 1_000_000) / 10_000
    }

    /// The arm for a request: by the client's bucket when it names itself, else by `random`.
    public static func arm(clientID: String?, candidatePercent: Double, random: inout some RandomNumberGenerator) -> Arm {
        guard candidatePercent > 0 else { return .primary }
        let position: Double
        if let clientID, !clientID.isEmpty {
            position = bucket(clientID: clientID)
        } else {
            position = Double.random(in: 0..<100, using: &random)
        }
        return position < candidatePercent ? .candidate : .primary
    }
}
