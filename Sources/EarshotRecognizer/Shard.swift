/// The K-th of N shards of a list (0-based, round robin), so a batch job engine (Kubernetes
/// indexed Jobs, Slurm arrays, GNU parallel) can fan a large set out over machines.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw RecognizerError.inconsistent(field: "shard", reason: "\(index)/\(count) needs 0 ≤ K < N")
        }
        self.index = index
        self.count = count
    }

    /// Parses "K/N", e.g. "0/4".
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw RecognizerError.inconsistent(field: "shard", reason: "'\(text)' is not K/N")
        }
        try self.init(index: k, count: n)
    }

    /// Items whose position modulo N is K, in order.
    public func select<T>(_ items: [T]) -> [T] {
        items.enumerated().filter { $0.offset % count == index }.map(\.element)
    }
}
