import Foundation

/// How well utterance confidence predicts that the transcript is exactly right: the expected
/// calibration error (ECE: the bins' |accuracy − mean confidence| weighted by their share of
/// utterances; Guo et al. 2017, ten equal-width bins), the Brier score, the reliability diagram's
/// bins, and for review thresholds the share of utterances a reviewer would see and the share of
/// wrong transcripts among them (what `earshot serve --review-threshold` would catch).
public struct CalibrationReport: Sendable, Codable, Equatable {
    public struct Bin: Sendable, Codable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var meanConfidence: Double
        public var accuracy: Double
    }

    public struct ReviewRow: Sendable, Codable, Equatable {
        /// Utterances below this confidence go to review.
        public var threshold: Double
        /// Share of all utterances sent to review.
        public var reviewedShare: Double
        /// Share of the wrong transcripts that review catches (recall of errors).
        public var wrongCaught: Double
        /// Share of the reviewed transcripts that were wrong (precision).
        public var reviewedWrong: Double
    }

    public var utterances: Int
    public var expectedCalibrationError: Double
    public var brierScore: Double
    public var meanConfidence: Double
    /// Share of utterances transcribed exactly right.
    public var accuracy: Double
    public var bins: [Bin]
    public var review: [ReviewRow]

    /// nil without utterances.
    public static func measure(confidences: [Double], correct: [Bool], binCount: Int = 10,
                               thresholds: [Double] = stride(from: 0.1, through: 0.9, by: 0.1).map { ($0 * 10).rounded() / 10 }) -> CalibrationReport? {
        let count = min(confidences.count, correct.count)
        guard count > 0, binCount > 0 else { return nil }
        let pairs = (0..<count).map { (confidence: min(1, max(0, confidences[$0])), correct: correct[$0]) }
        var bins: [Bin] = []
        var ece = 0.0
        for index in 0..<binCount {
            let lower = Double(index) / Double(binCount), upper = Double(index + 1) / Double(binCount)
            // Half-open bins, the last closed: a confidence of exactly 1 counts in the top bin.
            let members = pairs.filter { $0.confidence >= lower && ($0.confidence < upper || (index == binCount - 1 && $0.confidence <= upper)) }
            guard !members.isEmpty else {
                bins.append(Bin(lower: lower, upper: upper, count: 0, meanConfidence: 0, accuracy: 0))
                continue
            }
            let mean = members.map(\.confidence).reduce(0, +) / Double(members.count)
            let accuracy = Double(members.filter(\.correct).count) / Double(members.count)
            ece += Double(members.count) / Double(count) * abs(accuracy - mean)
            bins.append(Bin(lower: lower, upper: upper, count: members.count, meanConfidence: mean, accuracy: accuracy))
        }
        let brier = pairs.map { pow($0.confidence - ($0.correct ? 1 : 0), 2) }.reduce(0, +) / Double(count)
        let wrong = pairs.filter { !$0.correct }.count
        let review = thresholds.map { threshold in
            let reviewed = pairs.filter { $0.confidence < threshold }
            let caught = reviewed.filter { !$0.correct }.count
            return ReviewRow(threshold: threshold, reviewedShare: Double(reviewed.count) / Double(count),
                             wrongCaught: wrong > 0 ? Double(caught) / Double(wrong) : 0,
                             reviewedWrong: reviewed.isEmpty ? 0 : Double(caught) / Double(reviewed.count))
        }
        return CalibrationReport(utterances: count, expectedCalibrationError: ece, brierScore: brier,
                                 meanConfidence: pairs.map(\.confidence).reduce(0, +) / Double(count),
                                 accuracy: Double(count - wrong) / Double(count), bins: bins, review: review)
    }
}
