/// What a model saw of one input or output metric in training: a bounded sample of order
/// statistics (for Kolmogorov–Smirnov) and quantile bin edges with their shares (for PSI).
public struct ReferenceDistribution: Sendable, Codable, Equatable {
    /// Sorted values, at most `maxStoredValues` evenly spaced order statistics of the data.
    public private(set) var sortedValues: [Double]
    /// The number of values the reference was made from.
    public private(set) var count: Int
    /// Inner edges of the PSI bins (bin i holds values in [edges[i-1], edges[i])).
    public private(set) var binEdges: [Double]
    /// The reference's share of values in each bin (edges.count + 1 bins).
    public private(set) var binShares: [Double]

    public static let maxStoredValues = 2_000

    /// Summarizes `values` (non-finite values are ignored) with `bins` quantile bins.
    public init(values: [Double], bins: Int = 10) throws(MonitoringError) {
        let finite = values.filter(\.isFinite).sorted()
        guard !finite.isEmpty else { throw .emptyReference }
        guard bins >= 2 else { throw .invalidSetting("PSI needs at least 2 bins, not \(bins)") }
        count = finite.count
        if finite.count <= Self.maxStoredValues {
            sortedValues = finite
        } else {
            let last = Double(finite.count - 1)
            sortedValues = (0..<Self.maxStoredValues).map { finite[Int((Double($0) / Double(Self.maxStoredValues - 1) * last).rounded())] }
        }
        // Quantile edges, with duplicates merged so a metric with few distinct values still works.
        var edges: [Double] = []
        for bin in 1..<bins {
            let edge = finite[min(finite.count - 1, bin * finite.count / bins)]
            if edge > (edges.last ?? -.infinity), edge > finite[0] { edges.append(edge) }
        }
        binEdges = edges
        binShares = Self.shares(of: finite, edges: edges)
    }

    /// Share of `values` in each bin defined by `edges`.
    static func shares(of values: [Double], edges: [Double]) -> [Double] {
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for value in values where value.isFinite { counts[bin(of: value, edges: edges)] += 1 }
        let total = Double(max(counts.reduce(0, +), 1))
        return counts.map { Double($0) / total }
    }

    /// Index of the bin holding `value`: the number of edges at or below it.
    static func bin(of value: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
