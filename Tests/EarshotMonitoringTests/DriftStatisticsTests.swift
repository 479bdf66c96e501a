import EarshotCore
import Foundation
import Testing
@testable import EarshotMonitoring

@Suite(.timeLimit(.minutes(5))) struct DriftStatisticsTests {
    /// Reference figures from SciPy 1.17: `scipy.stats.ks_2samp(a, b).statistic` and
    /// `scipy.special.kolmogorov(λ)`.
    @Test func ksStatisticMatchesSciPy() {
        let a = [0.1, 0.4, 0.4, 0.9, 1.3, 2.0, 2.2, 3.5]
        let b = [0.3, 0.4, 1.1, 1.2, 2.5, 2.6, 4.0, 4.1, 5.0, 6.0]
        #expect(abs(DriftStatistics.kolmogorovSmirnov(a, b).statistic - 0.475) < 1e-12)
        #expect(abs(DriftStatistics.kolmogorovSmirnov(b, a).statistic - 0.475) < 1e-12)
        #expect(DriftStatistics.kolmogorovSmirnov(a, a) == (0, 1))
    }

    @Test(arguments: [(0.5, 0.9639452436648751), (1.0, 0.26999967167735456), (1.36, 0.049485876755377876), (2.0, 0.0006709252557796953)])
    func kolmogorovTailMatchesSciPy(lambda: Double, expected: Double) {
        #expect(abs(DriftStatistics.kolmogorovSurvival(lambda) - expected) < 1e-9)
    }

    @Test func psiIsZeroForTheReferenceAndGrowsWithShift() throws {
        var random = SplitMix64(seed: 7)
        let values = (0..<5_000).map { _ in random.normal(mean: -23, deviation: 3) }
        let reference = try ReferenceDistribution(values: values)
        #expect(reference.binShares.count == 10)
        #expect(abs(reference.binShares.reduce(0, +) - 1) < 1e-12)
        #expect(DriftStatistics.populationStabilityIndex(reference: reference, current: values) < 1e-3)
        let small = DriftStatistics.populationStabilityIndex(reference: reference, current: values.map { $0 - 1 })
        let large = DriftStatistics.populationStabilityIndex(reference: reference, current: values.map { $0 - 20 })
        #expect(small > 0.05 && small < 0.25)
        #expect(large > 5)
    }

    @Test func fewDistinctValuesStillMakeBins() throws {
        let reference = try ReferenceDistribution(values: [16_000, 16_000, 16_000, 8_000])
        #expect(reference.binEdges == [16_000])
        #expect(reference.binShares == [0.25, 0.75])
        #expect(throws: MonitoringError.emptyReference) { _ = try ReferenceDistribution(values: [.nan]) }
    }

    @Test func largeReferencesAreSubsampled() throws {
        let reference = try ReferenceDistribution(values: (0..<10_000).map(Double.init))
        #expect(reference.sortedValues.count == ReferenceDistribution.maxStoredValues)
        #expect(reference.sortedValues.first == 0 && reference.sortedValues.last == 9_999)
        #expect(reference.count == 10_000)
    }
}

/// Normal draws for the drift tests' synthetic traffic, from the core's seeded generator.
extension SplitMix64 {
    mutating func normal(mean: Double, deviation: Double) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self), v = Double.random(in: 0..<1, using: &self)
        return mean + deviation * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
