import Foundation
import Testing
@testable import EarshotDecoder

@Suite(.timeLimit(.minutes(5))) struct ConfidenceCalibrationTests {
    /// Outcomes drawn so that a raw confidence c is right with probability c² (an overconfident
    /// decoder): the fit must bring each bin's confidence to its accuracy.
    @Test func fitCorrectsOverconfidence() throws {
        let uniform = Self.uniform(seed: 7)
        let raw = (0..<4000).map { _ in 0.05 + 0.9 * uniform() }
        let correct = raw.map { uniform() < $0 * $0 }
        let calibration = try #require(ConfidenceCalibration.fit(confidences: raw, correct: correct))
        for c in [0.3, 0.5, 0.7, 0.9] {
            #expect(abs(calibration.apply(c) - c * c) < 0.06, "raw \(c) → \(calibration.apply(c)), truth \(c * c)")
        }
        #expect(calibration.apply(0.4) < calibration.apply(0.6), "monotone")
    }

    @Test func calibratedInputStaysNearIdentity() throws {
        let uniform = Self.uniform(seed: 11)
        let raw = (0..<4000).map { _ in 0.05 + 0.9 * uniform() }
        let correct = raw.map { uniform() < $0 }
        let calibration = try #require(ConfidenceCalibration.fit(confidences: raw, correct: correct))
        #expect(abs(calibration.slope - 1) < 0.15 && abs(calibration.intercept) < 0.15)
    }

    /// Seeded uniform draws in [0, 1) (a 64-bit LCG), shared by the fits above.
    static func uniform(seed: UInt64) -> () -> Double {
        var state = seed
        return {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    @Test func degenerateSetsGiveNoFitAndSeparableOnesStayFinite() throws {
        #expect(ConfidenceCalibration.fit(confidences: Array(repeating: 0.9, count: 50), correct: Array(repeating: true, count: 50)) == nil)
        #expect(ConfidenceCalibration.fit(confidences: [0.9, 0.1], correct: [true, false]) == nil, "too few")
        let separable = try #require(ConfidenceCalibration.fit(confidences: (0..<40).map { $0 < 20 ? 0.2 : 0.9 },
                                                               correct: (0..<40).map { $0 >= 20 }))
        #expect(separable.slope.isFinite && separable.intercept.isFinite)
        #expect(separable.apply(0.9) > 0.9 && separable.apply(0.2) < 0.1)
        #expect(ConfidenceCalibration.identity.apply(0.37) - 0.37 < 1e-9)
        #expect(ConfidenceCalibration(slope: 2, intercept: 0).apply(.nan).isFinite)
    }
}
