import EarshotCore
/// 1-D convolution over time (a TDNN layer): kernel taps `dilation` frames apart, output every
/// `stride` frames ("same" padding, so an utterance of L frames gives ceil(L / stride) outputs).
/// The taps are unfolded into one [rows, kernel·inputChannels] buffer so the whole batch is a
/// single GEMM against the [outputChannels, kernel·inputChannels] weights; a 1×1 convolution
/// (the output projection) uses its input directly.
///
/// Parameters, in order: weights [outputChannels][kernel][inputChannels], then bias [outputChannels].
struct Convolution1D: Sendable, Equatable {
    let inputChannels: Int
    let outputChannels: Int
    let kernel: Int
    let dilation: Int
    let stride: Int

    var weightCount: Int { outputChannels * kernel * inputChannels }
    var parameterCount: Int { weightCount + outputChannels }
    var fanIn: Int { kernel * inputChannels }
    /// Zero frames before the first input frame; the rest of the receptive field hangs past the end.
    var leftPadding: Int { (kernel - 1) * dilation / 2 }
    var isPointwise: Bool { kernel == 1 && stride == 1 }

    func outputLength(_ inputLength: Int) -> Int { (inputLength + stride - 1) / stride }

    /// He (Kaiming) normal weights for ReLU networks, zero bias.
    func initialize(_ parameters: UnsafeMutableBufferPointer<Float>, scale: Double = 2, rng: inout SeededGenerator) {
        let std = (scale / Double(fanIn)).squareRoot()
        for i in 0..<weightCount { parameters[i] = Float(rng.nextGaussian() * std) }
        for i in weightCount..<parameterCount { parameters[i] = 0 }
    }

    /// Returns the output and the unfolded input the backward pass needs.
    func forward(_ x: Activations, parameters: UnsafeBufferPointer<Float>) -> (Activations, unfolded: [Float]) {
        let unfolded = isPointwise ? x.values : unfold(x)
        let outFrames = outputLength(x.frames), outLengths = x.lengths.map(outputLength)
        let rows = x.batch * outFrames, width = fanIn, cout = outputChannels
        var values = [Float](repeating: 0, count: rows * cout)
        values.withUnsafeMutableBufferPointer { out in
            // Bias on valid rows only; padding rows of `unfolded` are zero, so they stay zero.
            for b in 0..<x.batch {
                for t in 0..<outLengths[b] {
                    let row = b * outFrames + t
                    for c in 0..<cout { out[row * cout + c] = parameters[weightCount + c] }
                }
            }
            unfolded.withUnsafeBufferPointer { u in
                BLAS.gemm(transposeA: false, transposeB: true, m: rows, n: cout, k: width,
                          a: u.baseAddress!, lda: width, b: parameters.baseAddress!, ldb: width,
                          beta: 1, c: out.baseAddress!, ldc: cout)
            }
        }
        var y = Activations(batch: x.batch, frames: outFrames, channels: cout, lengths: outLengths, values: values)
        if isPointwise { y.zeroPadding() }  // its input was used as is, padding rows included
        return (y, unfolded)
    }

    /// Accumulates parameter gradients into `gradient` and returns the input gradient.
    func backward(
        _ outputGradient: Activations, input: Activations, unfolded: [Float],
        parameters: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>
    ) -> Activations {
        var dy = outputGradient
        dy.zeroPadding()
        let rows = dy.rowCount, width = fanIn
        var unfoldedGradient = [Float](repeating: 0, count: rows * width)
        dy.values.withUnsafeBufferPointer { g in
            unfolded.withUnsafeBufferPointer { u in
                // dW += dYᵀ · U
                BLAS.gemm(transposeA: true, transposeB: false, m: outputChannels, n: width, k: rows,
                          a: g.baseAddress!, lda: outputChannels, b: u.baseAddress!, ldb: width,
                          beta: 1, c: gradient.baseAddress!, ldc: width)
            }
            for row in 0..<rows {
                for c in 0..<outputChannels { gradient[weightCount + c] += g[row * outputChannels + c] }
            }
            unfoldedGradient.withUnsafeMutableBufferPointer { du in
                // dU = dY · W
                BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: width, k: outputChannels,
                          a: g.baseAddress!, lda: outputChannels, b: parameters.baseAddress!, ldb: width,
                          beta: 0, c: du.baseAddress!, ldc: width)
            }
        }
        if isPointwise { return input.like(values: unfoldedGradient) }
        return fold(unfoldedGradient, into: input)
    }

    /// Row (b, t) of the result holds input frames t·stride + k·dilation − leftPadding for each tap k,
    /// zero where that frame is outside the utterance.
    private func unfold(_ x: Activations) -> [Float] {
        let cin = inputChannels
        var result = [Float](repeating: 0, count: x.batch * outputLength(x.frames) * fanIn)
        result.withUnsafeMutableBufferPointer { u in
            x.values.withUnsafeBufferPointer { v in
                forEachTap(of: x) { tapStart, frameStart in
                    (u.baseAddress! + tapStart).update(from: v.baseAddress! + frameStart, count: cin)
                }
            }
        }
        return result
    }

    /// The adjoint of `unfold`: adds each tap's gradient back onto the frame it was read from.
    private func fold(_ unfoldedGradient: [Float], into input: Activations) -> Activations {
        var dx = input.like()
        let cin = inputChannels
        dx.values.withUnsafeMutableBufferPointer { d in
            unfoldedGradient.withUnsafeBufferPointer { du in
                forEachTap(of: input) { tapStart, frameStart in
                    for c in 0..<cin { d[frameStart + c] += du[tapStart + c] }
                }
            }
        }
        return dx
    }

    /// Visits every (output row, tap) whose input frame lies inside its utterance, passing the
    /// offsets of the tap in the unfolded buffer and of the input frame in `x.values`.
    private func forEachTap(of x: Activations, _ body: (_ tapStart: Int, _ frameStart: Int) -> Void) {
        let outFrames = outputLength(x.frames), width = fanIn, cin = inputChannels
        for b in 0..<x.batch {
            let length = x.lengths[b]
            for t in 0..<outputLength(length) {
                let rowStart = (b * outFrames + t) * width
                for k in 0..<kernel {
                    let source = t * stride + k * dilation - leftPadding
                    guard source >= 0, source < length else { continue }
                    body(rowStart + k * cin, (b * x.frames + source) * cin)
                }
            }
        }
    }
}
