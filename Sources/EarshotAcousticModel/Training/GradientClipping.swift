/// Scales a gradient down so its global L2 norm is at most `maxNorm`; returns the norm before.
/// A `maxNorm` that is not positive leaves the gradient alone (it can only shrink, never flip).
public enum GradientClipping {
    @discardableResult
    public static func clipGlobalNorm(_ gradient: inout [Float], maxNorm: Double) -> Double {
        var sum: Double = 0
        for g in gradient { sum += Double(g) * Double(g) }
        let norm = sum.squareRoot()
        if maxNorm > 0, norm > maxNorm {
            let scale = Float(maxNorm / norm)
            gradient.withUnsafeMutableBufferPointer { g in
                for i in g.indices { g[i] *= scale }
            }
        }
        return norm
    }
}
