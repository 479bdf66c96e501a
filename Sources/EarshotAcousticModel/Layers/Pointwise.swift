import EarshotCore
/// ReLU: y = max(x, 0). The backward pass needs only the output (y > 0 ⇔ x > 0).
enum ReLU {
    static func forward(_ x: Activations) -> Activations {
        var y = x
        y.values.withUnsafeMutableBufferPointer { v in
            // `< 0`, not `!(> 0)`: a NaN must pass through so a diverged step is caught at the
            // loss; zeroing it would hand the loss uniform logits that look healthy.
            for i in v.indices where v[i] < 0 { v[i] = 0 }
        }
        return y
    }

    static func backward(_ outputGradient: Activations, output: Activations) -> Activations {
        var dx = outputGradient
        dx.values.withUnsafeMutableBufferPointer { d in
            output.values.withUnsafeBufferPointer { y in
                for i in d.indices where !(y[i] > 0) { d[i] = 0 }
            }
        }
        return dx
    }
}

/// Inverted dropout: in training, each value is kept with probability 1 − rate and scaled by
/// 1 / (1 − rate), from a mask drawn from a seeded generator; at inference it is the identity.
struct Dropout: Sendable, Equatable {
    let rate: Double

    func mask(count: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        let keep = Float(1 / (1 - rate))
        return (0..<count).map { _ in rng.nextUnit() < rate ? 0 : keep }
    }

    static func apply(_ x: Activations, mask: [Float]) -> Activations {
        var y = x
        y.values.withUnsafeMutableBufferPointer { v in
            mask.withUnsafeBufferPointer { m in
                for i in v.indices { v[i] *= m[i] }
            }
        }
        return y
    }
}
