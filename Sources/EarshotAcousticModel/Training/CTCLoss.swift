#if canImport(Glibc)
import EarshotCore
import Glibc
#else
import Foundation
#endif

/// Connectionist temporal classification loss (Graves et al., 2006), in log space and Double.
///
/// The loss is −log p(labels | logits), summed over all alignments that collapse to the labels
/// (repeats merged, blanks dropped). The gradient is taken with respect to the *logits*, fusing
/// the softmax: ∂loss/∂z[t,k] = softmax(z)[t,k] − Σ_{s : l'_s = k} γ_t(s), where γ_t(s) is the
/// posterior of being at extended-label position s at frame t.
public enum CTCLoss {
    /// The result for one utterance: the loss and its gradient with respect to the logits.
    public struct Result: Sendable {
        public let loss: Double
        public let gradient: FrameMatrix
    }

    /// Loss and logits gradient for one utterance. `logits` is frames × units.
    /// Throws `invalidLabel` for a blank or out-of-range label, `infeasibleAlignment` when the
    /// labels (plus a blank between each repeated pair) need more frames than there are.
    public static func lossAndGradient(logits: FrameMatrix, labels: [Int], blank: Int) throws -> Result {
        var gradient = [Float](repeating: 0, count: logits.values.count)
        let loss = try logits.values.withUnsafeBufferPointer { z in
            try gradient.withUnsafeMutableBufferPointer { g in
                try compute(logits: z, frames: logits.frames, units: logits.dimensions,
                            labels: labels, blank: blank, gradient: g)
            }
        }
        return Result(loss: loss, gradient: FrameMatrix(unchecked: logits.frames, logits.dimensions, gradient))
    }

    /// Loss only.
    public static func loss(logits: FrameMatrix, labels: [Int], blank: Int) throws -> Double {
        try logits.values.withUnsafeBufferPointer { z in
            try compute(logits: z, frames: logits.frames, units: logits.dimensions,
                        labels: labels, blank: blank, gradient: nil)
        }
    }

    /// Output frames CTC needs for these labels: one per label, plus a blank between equal neighbours.
    public static func requiredFrames(for labels: [Int]) -> Int {
        labels.count + zip(labels, labels.dropFirst()).filter { $0 == $1 }.count
    }

    /// Core over raw rows of `units` logits; writes the gradient (overwriting) when given.
    static func compute(logits z: UnsafeBufferPointer<Float>, frames: Int, units: Int, labels: [Int], blank: Int,
                        gradient: UnsafeMutableBufferPointer<Float>?) throws -> Double {
        guard (0..<units).contains(blank) else {
            throw AcousticModelError.invalidConfiguration(field: "blank", reason: "\(blank) is not in 0..<\(units)")
        }
        for label in labels where label == blank || !(0..<units).contains(label) {
            throw AcousticModelError.invalidLabel(label: label, unitCount: units, blank: blank)
        }
        let required = requiredFrames(for: labels)
        guard frames >= max(required, 1) else {
            throw AcousticModelError.infeasibleAlignment(labels: labels.count, requiredFrames: max(required, 1), frames: frames)
        }

        // Extended labels: blank, l1, blank, l2, ..., blank.
        let positions = 2 * labels.count + 1
        var extended = [Int](repeating: blank, count: positions)
        for (i, label) in labels.enumerated() { extended[2 * i + 1] = label }
        // Skipping the blank between two labels is allowed only when they differ.
        let canSkip = (0..<positions).map { s in s >= 2 && extended[s] != blank && extended[s] != extended[s - 2] }

        var logProb = [Double](repeating: 0, count: frames * units)
        for t in 0..<frames {
            let row = UnsafeBufferPointer(rebasing: z[t * units ..< (t + 1) * units])
            let lse = LogSoftmax.logSumExp(row)
            for k in 0..<units { logProb[t * units + k] = Double(row[k]) - lse }
        }

        let none = -Double.infinity
        var alpha = [Double](repeating: none, count: frames * positions)
        alpha[0] = logProb[extended[0]]
        if positions > 1 { alpha[1] = logProb[extended[1]] }
        for t in 1..<max(frames, 1) {
            let previous = (t - 1) * positions, current = t * positions
            for s in 0..<positions {
                var a = alpha[previous + s]
                if s >= 1 { a = logAdd(a, alpha[previous + s - 1]) }
                if canSkip[s] { a = logAdd(a, alpha[previous + s - 2]) }
                alpha[current + s] = a + logProb[t * units + extended[s]]
            }
        }
        let last = (frames - 1) * positions
        let logLikelihood = positions > 1
            ? logAdd(alpha[last + positions - 1], alpha[last + positions - 2])
            : alpha[last]
        guard !logLikelihood.isNaN, logLikelihood < .infinity else {
            throw AcousticModelError.invalidInput(reason: "logits contain NaN or infinity")
        }
        guard logLikelihood > -Double.infinity else {
            // Feasible but numerically impossible (a path probability underflowed to zero).
            throw AcousticModelError.infeasibleAlignment(labels: labels.count, requiredFrames: required, frames: frames)
        }
        guard let gradient else { return -logLikelihood }

        var beta = [Double](repeating: none, count: frames * positions)
        beta[last + positions - 1] = logProb[(frames - 1) * units + extended[positions - 1]]
        if positions > 1 { beta[last + positions - 2] = logProb[(frames - 1) * units + extended[positions - 2]] }
        for t in stride(from: frames - 2, through: 0, by: -1) {
            let next = (t + 1) * positions, current = t * positions
            for s in 0..<positions {
                var b = beta[next + s]
                if s + 1 < positions { b = logAdd(b, beta[next + s + 1]) }
                if s + 2 < positions && canSkip[s + 2] { b = logAdd(b, beta[next + s + 2]) }
                beta[current + s] = b + logProb[t * units + extended[s]]
            }
        }

        // α and β both include frame t's emission, so divide it out once.
        var occupancy = [Double](repeating: 0, count: units)
        for t in 0..<frames {
            for k in 0..<units { occupancy[k] = 0 }
            let current = t * positions
            for s in 0..<positions {
                let logGamma = alpha[current + s] + beta[current + s] - logProb[t * units + extended[s]] - logLikelihood
                if logGamma > -Double.infinity { occupancy[extended[s]] += exp(logGamma) }
            }
            for k in 0..<units {
                gradient[t * units + k] = Float(exp(logProb[t * units + k]) - occupancy[k])
            }
        }
        return -logLikelihood
    }

    /// log(eᵃ + eᵇ) without overflow; −∞ is the identity.
    @inline(__always)
    static func logAdd(_ a: Double, _ b: Double) -> Double {
        if a == -Double.infinity { return b }
        if b == -Double.infinity { return a }
        return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b))
    }
}
