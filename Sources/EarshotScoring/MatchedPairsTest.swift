import Foundation

/// Matched-pairs tests on per-utterance error counts of two systems over the same references.
public struct MatchedPairsTest: Sendable, Codable, Hashable {
    /// Utterances compared.
    public var pairs: Int
    /// Mean of (errors of A − errors of B) per utterance.
    public var meanDifference: Double
    /// MAPSSWE statistic with the utterance as the segment: mean / (sd / √n), normal approximation.
    public var z: Double
    /// Two-sided p-value of `z`.
    public var pValue: Double
    /// Sign test: utterances where B has fewer errors, more errors, and ties.
    public var candidateBetter: Int
    public var candidateWorse: Int
    public var ties: Int
    /// Two-sided exact binomial p-value of the sign test.
    public var signTestPValue: Double

    public init(errorsA: [Int], errorsB: [Int]) {
        let n = min(errorsA.count, errorsB.count)
        pairs = n
        var sum = 0.0, better = 0, worse = 0
        for k in 0..<n {
            let d = errorsA[k] - errorsB[k]
            sum += Double(d)
            if d > 0 { better += 1 } else if d < 0 { worse += 1 }
        }
        let mean = n == 0 ? 0 : sum / Double(n)
        var squares = 0.0
        for k in 0..<n { let d = Double(errorsA[k] - errorsB[k]) - mean; squares += d * d }
        let variance = n > 1 ? squares / Double(n - 1) : 0
        meanDifference = mean
        if variance > 0 {
            z = mean / (variance / Double(n)).squareRoot()
            pValue = erfc(abs(z) / 2.0.squareRoot())
        } else {
            z = 0
            pValue = mean == 0 ? 1 : 0
        }
        candidateBetter = better
        candidateWorse = worse
        ties = n - better - worse
        signTestPValue = Self.signTest(better, worse)
    }

    /// Two-sided exact binomial test of k successes in n trials at p = ½.
    static func signTest(_ a: Int, _ b: Int) -> Double {
        let n = a + b
        guard n > 0 else { return 1 }
        let k = min(a, b)
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1)) - Double(n) * log(2))
        }
        return min(1, 2 * tail)
    }
}
