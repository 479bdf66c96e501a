import Foundation
import Testing
@testable import EarshotScoring

@Suite(.timeLimit(.minutes(5))) struct CalibrationTests {
    /// ECE by hand: bin 0.2–0.3 holds 0.25 (wrong) → |0 − 0.25|; bin 0.9–1.0 holds 0.95, 0.95
    /// (one right) and 1.0 (right) → |2/3 − 0.9667|. Weighted by 1/4 and 3/4.
    @Test func eceIsTheWeightedGapOfTheBins() throws {
        let report = try #require(CalibrationReport.measure(confidences: [0.25, 0.95, 0.95, 1.0], correct: [false, true, false, true]))
        let expected = 0.25 * 0.25 + 0.75 * abs(2.0 / 3 - (0.95 + 0.95 + 1.0) / 3)
        #expect(abs(report.expectedCalibrationError - expected) < 1e-12)
        #expect(report.bins[9].count == 3, "a confidence of exactly 1 counts in the top bin")
        #expect(abs(report.brierScore - (0.0625 + 0.0025 + 0.9025 + 0) / 4) < 1e-12)
        #expect(report.accuracy == 0.5)
        // Below 0.5 only the 0.25 goes to review: a quarter of the utterances, half of the wrong ones.
        let half = try #require(report.review.first { $0.threshold == 0.5 })
        #expect(half.reviewedShare == 0.25 && half.wrongCaught == 0.5 && half.reviewedWrong == 1)
    }

    @Test func perfectlyCalibratedConfidenceHasNoGap() throws {
        // In each bin, the share right equals the confidence.
        var confidences: [Double] = [], correct: [Bool] = []
        for (confidence, rights) in [(0.15, 3), (0.55, 11), (0.85, 17)] {
            confidences += Array(repeating: confidence, count: 20)
            correct += (0..<20).map { $0 < rights }
        }
        let report = try #require(CalibrationReport.measure(confidences: confidences, correct: correct))
        #expect(report.expectedCalibrationError < 1e-12)
        #expect(CalibrationReport.measure(confidences: [], correct: []) == nil)
    }

    /// A hypothesis file's "confidence" field reaches the report, and never makes a slice.
    @Test func werReportMeasuresHypothesisConfidence() throws {
        let report = try ReportTests.job([
            "ref.trn": "the cat sat (s1_u1)\nhello world (s2_u2)\n",
            "hyp.jsonl": #"{"id": "s1_u1", "pred_text": "the bat sat", "confidence": 0.9}"# + "\n"
                + #"{"id": "s2_u2", "pred_text": "hello world", "confidence": 0.8}"# + "\n",
        ])
        let calibration = try #require(report.calibration)
        #expect(calibration.utterances == 2 && calibration.accuracy == 0.5)
        #expect(!report.slices.contains { $0.tag == TranscriptReader.confidenceTag })
        #expect(report.text().contains("Confidence calibration"))
        let plain = try ReportTests.job(["ref.trn": "hello world (s2_u2)\n", "hyp.jsonl": #"{"id": "s2_u2", "pred_text": "hello"}"# + "\n"])
        #expect(plain.calibration == nil)
    }
}
