/// Layer normalization over channels, per frame. Chosen over batch norm because it needs no
/// batch statistics: padding cannot leak into it, training and inference compute the same
/// function, and a single utterance on a server normalizes exactly as it did in a batch.
///
/// Parameters, in order: gain [channels], then bias [channels].
struct LayerNorm: Sendable, Equatable {
    let channels: Int
    let epsilon: Float = 1e-5

    var parameterCount: Int { 2 * channels }

    func initialize(_ parameters: UnsafeMutableBufferPointer<Float>) {
        for c in 0..<channels { parameters[c] = 1; parameters[channels + c] = 0 }
    }

    /// Returns the output, the normalized input and each row's 1/σ (for the backward pass).
    func forward(_ x: Activations, parameters: UnsafeBufferPointer<Float>)
        -> (Activations, normalized: [Float], inverseStd: [Float]) {
        var y = x.like()
        var normalized = [Float](repeating: 0, count: x.values.count)
        var inverseStd = [Float](repeating: 0, count: x.rowCount)
        let n = channels
        x.values.withUnsafeBufferPointer { v in
            y.values.withUnsafeMutableBufferPointer { out in
                normalized.withUnsafeMutableBufferPointer { xhat in
                    x.forEachValidRow { row in
                        let base = row * n
                        var mean: Double = 0
                        for c in 0..<n { mean += Double(v[base + c]) }
                        mean /= Double(n)
                        var variance: Double = 0
                        for c in 0..<n { let d = Double(v[base + c]) - mean; variance += d * d }
                        variance /= Double(n)
                        let inv = Float(1 / (variance + Double(epsilon)).squareRoot())
                        inverseStd[row] = inv
                        let m = Float(mean)
                        for c in 0..<n {
                            let h = (v[base + c] - m) * inv
                            xhat[base + c] = h
                            out[base + c] = parameters[c] * h + parameters[n + c]
                        }
                    }
                }
            }
        }
        return (y, normalized, inverseStd)
    }

    func backward(
        _ outputGradient: Activations, normalized: [Float], inverseStd: [Float],
        parameters: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>
    ) -> Activations {
        var dx = outputGradient.like()
        let n = channels
        outputGradient.values.withUnsafeBufferPointer { dy in
            normalized.withUnsafeBufferPointer { xhat in
                dx.values.withUnsafeMutableBufferPointer { d in
                    outputGradient.forEachValidRow { row in
                        let base = row * n
                        var meanG: Float = 0, meanGX: Float = 0
                        for c in 0..<n {
                            let g = dy[base + c], h = xhat[base + c]
                            gradient[c] += g * h
                            gradient[n + c] += g
                            let gh = g * parameters[c]
                            meanG += gh
                            meanGX += gh * h
                        }
                        meanG /= Float(n); meanGX /= Float(n)
                        let inv = inverseStd[row]
                        for c in 0..<n {
                            d[base + c] = inv * (dy[base + c] * parameters[c] - meanG - xhat[base + c] * meanGX)
                        }
                    }
                }
            }
        }
        return dx
    }
}
