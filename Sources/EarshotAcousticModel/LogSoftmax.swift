#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Row-wise log-softmax, shift-stabilized by the row maximum and accumulated in Double.
enum LogSoftmax {
    static func rows(_ logits: [Float], width: Int) -> [Float] {
        var result = [Float](repeating: 0, count: logits.count)
        logits.withUnsafeBufferPointer { z in
            result.withUnsafeMutableBufferPointer { out in
                for row in 0..<(width == 0 ? 0 : logits.count / width) {
                    let base = row * width
                    let lse = logSumExp(UnsafeBufferPointer(rebasing: z[base ..< base + width]))
                    for k in 0..<width { out[base + k] = Float(Double(z[base + k]) - lse) }
                }
            }
        }
        return result
    }

    /// log Σ exp(z) for one row, in Double.
    static func logSumExp(_ z: UnsafeBufferPointer<Float>) -> Double {
        var maximum = -Double.infinity
        for v in z { maximum = max(maximum, Double(v)) }
        guard maximum.isFinite else { return maximum }
        var sum: Double = 0
        for v in z { sum += exp(Double(v) - maximum) }
        return maximum + log(sum)
    }
}
