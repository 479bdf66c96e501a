import Foundation

/// The two drift measures Earshot reports for each metric.
public enum DriftStatistics {
    /// Smallest share a bin may have in the PSI sum; an empty bin would make it infinite.
    public static let psiShareFloor = 1e-4

    /// Population Stability Index of `current` against the reference's quantile bins:
    /// Σ (current share − reference share) · ln(current share / reference share).
    public static func populationStabilityIndex(reference: ReferenceDistribution, current: [Double]) -> Double {
        let currentShares = ReferenceDistribution.shares(of: current, edges: reference.binEdges)
        var psi = 0.0
        for (expected, actual) in zip(reference.binShares, currentShares) {
            let e = max(expected, psiShareFloor), a = max(actual, psiShareFloor)
            psi += (a - e) * log(a / e)
        }
        return psi
    }

    /// Two-sample Kolmogorov–Smirnov: the largest gap between the two empirical distribution
    /// functions, and its asymptotic two-sided p-value.
    public static func kolmogorovSmirnov(_ a: [Double], _ b: [Double]) -> (statistic: Double, pValue: Double) {
        kolmogorovSmirnov(sorted: a.filter(\.isFinite).sorted(), sorted: b.filter(\.isFinite).sorted())
    }

    /// The same, for two samples already sorted and free of non-finite values.
    static func kolmogorovSmirnov(sorted x: [Double], sorted y: [Double]) -> (statistic: Double, pValue: Double) {
        guard !x.isEmpty, !y.isEmpty else { return (0, 1) }
        let n = Double(x.count), m = Double(y.count)
        // The server runs this per metric after every request: walk raw buffers.
        let gap = x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in largestGap(xs, ys) }
        }
        let effective = (n * m / (n + m)).squareRoot()
        // Stephens' small-sample correction of the Kolmogorov limit.
        let lambda = (effective + 0.12 + 0.11 / effective) * gap
        return (gap, kolmogorovSurvival(lambda))
    }

    /// sup |F_x − F_y| of two sorted, non-empty samples, by one merge pass.
    private static func largestGap(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        var i = 0, j = 0, gap = 0.0
        let n = Double(x.count), m = Double(y.count)
        while i < x.count && j < y.count {
            let value = min(x[i], y[j])
            while i < x.count && x[i] == value { i += 1 }
            while j < y.count && y[j] == value { j += 1 }
            gap = max(gap, abs(Double(i) / n - Double(j) / m))
        }
        return gap
    }

    /// Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2 k² λ²), the limit distribution's upper tail.
    public static func kolmogorovSurvival(_ lambda: Double) -> Double {
        guard lambda > 0.2 else { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? term : -term)
            if term < 1e-16 { break }
        }
        return min(max(2 * sum, 0), 1)
    }
}
