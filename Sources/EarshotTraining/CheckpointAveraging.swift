import Foundation

/// Checkpoint averaging: the weights of the epochs with the lowest dev WER so far, kept so their
/// element-wise mean can be tried as the shipped model at the end. Averaging nearby points of
/// one run lands nearer the middle of the basin than any of them, which tends to generalize
/// better and makes the result depend less on which single epoch happened to score best.
struct AveragingPool: Sendable, Equatable {
    struct Member: Codable, Sendable, Equatable {
        var epoch: Int
        var devWER: Double
        var devLoss: Double? = nil

        /// Lower dev WER first, then lower dev loss, then the later epoch (more trained).
        func ranks(before other: Member) -> Bool {
            (devWER, devLoss ?? .infinity, -epoch) < (other.devWER, other.devLoss ?? .infinity, -other.epoch)
        }
    }

    /// How many epochs are kept (1: averaging is off and nothing is kept).
    let capacity: Int
    /// Best first (see `Member.ranks(before:)`).
    private(set) var members: [Member] = []
    private(set) var weights: [Int: [Float]] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Restores a pool from saved members and their weights.
    init(capacity: Int, members: [Member], weights: [Int: [Float]]) {
        self.capacity = capacity
        self.members = members
        self.weights = weights
    }

    /// Offers an epoch's weights; keeps them when the epoch is among the `capacity` best.
    mutating func offer(epoch: Int, devWER: Double, devLoss: Double? = nil, parameters: [Float]) {
        guard capacity > 1 else { return }
        members.append(Member(epoch: epoch, devWER: devWER, devLoss: devLoss))
        members.sort { $0.ranks(before: $1) }
        weights[epoch] = parameters
        while members.count > capacity {
            weights[members.removeLast().epoch] = nil
        }
    }

    /// The element-wise mean of the kept weights, summed in Double in the members' order (so it
    /// is the same on every run); nil with fewer than two epochs kept.
    func average() -> [Float]? {
        guard members.count >= 2, let first = weights[members[0].epoch] else { return nil }
        var sum = [Double](repeating: 0, count: first.count)
        for member in members {
            guard let w = weights[member.epoch], w.count == sum.count else { return nil }
            for i in sum.indices { sum[i] += Double(w[i]) }
        }
        let scale = 1 / Double(members.count)
        return sum.map { Float($0 * scale) }
    }
}
