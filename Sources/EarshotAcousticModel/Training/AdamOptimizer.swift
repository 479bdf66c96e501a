#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Adam's hyper-parameters; weight decay is decoupled (AdamW) and applies only to the ranges
/// the caller names (convolution weights, not biases or norm gains).
public struct AdamSettings: Codable, Sendable, Equatable, Hashable {
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double = 0

    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func validate() throws {
        for (name, value) in [("beta1", beta1), ("beta2", beta2)] where !(value >= 0 && value < 1) {
            throw AcousticModelError.invalidConfiguration(field: "adam.\(name)", reason: "\(value) is not in [0, 1)")
        }
        guard epsilon > 0, epsilon.isFinite else {
            throw AcousticModelError.invalidConfiguration(field: "adam.epsilon", reason: "\(epsilon) is not positive")
        }
        guard weightDecay >= 0, weightDecay.isFinite else {
            throw AcousticModelError.invalidConfiguration(field: "adam.weightDecay", reason: "\(weightDecay) is negative")
        }
    }
}

/// Adam (Kingma & Ba, 2015) with bias correction. Its state (moments and step) is plain data,
/// so a checkpoint can save and restore it exactly.
public struct AdamOptimizer: Sendable, Equatable {
    public let settings: AdamSettings
    /// Updates applied so far.
    public private(set) var step: Int
    public private(set) var firstMoment: [Float]
    public private(set) var secondMoment: [Float]

    public init(parameterCount: Int, settings: AdamSettings = AdamSettings()) {
        self.settings = settings
        self.step = 0
        self.firstMoment = [Float](repeating: 0, count: parameterCount)
        self.secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    /// Restores saved state (from a checkpoint).
    public init(settings: AdamSettings, step: Int, firstMoment: [Float], secondMoment: [Float]) throws {
        guard step >= 0, firstMoment.count == secondMoment.count else {
            throw AcousticModelError.invalidConfiguration(field: "optimizer", reason: "inconsistent saved state")
        }
        self.settings = settings
        self.step = step
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }

    /// One update of `parameters` in place.
    public mutating func update(parameters: inout [Float], gradient: [Float], learningRate: Double,
                                decayedRanges: [Range<Int>] = []) throws {
        guard parameters.count == firstMoment.count, gradient.count == firstMoment.count else {
            throw AcousticModelError.parameterCountMismatch(expected: firstMoment.count, actual: gradient.count)
        }
        for range in decayedRanges where range.lowerBound < 0 || range.upperBound > parameters.count {
            throw AcousticModelError.invalidConfiguration(field: "decayedRanges", reason: "\(range) is outside 0..<\(parameters.count)")
        }
        step += 1
        let b1 = Float(settings.beta1), b2 = Float(settings.beta2), eps = Float(settings.epsilon)
        // Bias corrections folded into the step size, as in the paper's efficient form.
        let correction1 = 1 - pow(settings.beta1, Double(step))
        let correction2 = 1 - pow(settings.beta2, Double(step))
        let stepSize = Float(learningRate * correction2.squareRoot() / correction1)
        let epsHat = eps * Float(correction2.squareRoot())
        if settings.weightDecay > 0 {
            let shrink = Float(1 - learningRate * settings.weightDecay)
            parameters.withUnsafeMutableBufferPointer { p in
                for range in decayedRanges { for i in range { p[i] *= shrink } }
            }
        }
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        for i in p.indices {
                            let gi = g[i]
                            m[i] = b1 * m[i] + (1 - b1) * gi
                            v[i] = b2 * v[i] + (1 - b2) * gi * gi
                            p[i] -= stepSize * m[i] / (v[i].squareRoot() + epsHat)
                        }
                    }
                }
            }
        }
    }
}
