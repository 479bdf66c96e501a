import CFFTW
import Foundation

/// The per-frame pipeline over raw pointers: the extractor's tables copied once into raw
/// memory (so hot loops index without bounds checks or ARC), immutable afterwards (hence
/// `Sendable`). Bounds are guaranteed by construction: every table is sized from the same
/// `FrameGeometry` as the scratch buffers.
final class FrameKernel: @unchecked Sendable {
    private let windowSize: Int
    private let binCount: Int
    private let filterCount: Int
    /// `filterCount` rounded up to whole SIMD blocks: the DCT rows are zero-padded to it.
    private let paddedFilterCount: Int
    private let cepstrumCount: Int
    private let window: UnsafeMutablePointer<Float>
    private let melFirstBin: UnsafeMutablePointer<Int>
    private let melOffset: UnsafeMutablePointer<Int>
    private let melWeights: UnsafeMutablePointer<Float>
    private let cepstralMatrix: UnsafeMutablePointer<Float>?
    private let plan: RealFFTPlan
    private let options: FeatureConfig
    private let logEnergyFloor: Float

    /// Kaldi floors energies at FLT_EPSILON before taking logs.
    static let epsilon = Float.ulpOfOne

    init(config: FeatureConfig, geometry: FrameGeometry, window: [Float], melFilters: MelFilterbank,
         cepstra: CepstralTransform?, plan: RealFFTPlan) {
        windowSize = geometry.windowSize
        binCount = geometry.binCount
        filterCount = melFilters.filterCount
        paddedFilterCount = Self.roundUp(filterCount)
        cepstrumCount = cepstra?.cepstrumCount ?? 0
        self.window = Self.copy(window)
        // Each filter's weights padded with zeros to whole SIMD blocks, so every mel dot
        // product runs without a scalar tail (the spectrum buffer is padded to match).
        var offsets = [0], weights = [Float]()
        for m in 0..<melFilters.filterCount {
            let run = melFilters.weights[melFilters.weightOffset[m]..<melFilters.weightOffset[m + 1]]
            weights += run
            weights += [Float](repeating: 0, count: Self.roundUp(run.count) - run.count)
            offsets.append(weights.count)
        }
        melFirstBin = Self.copy(melFilters.firstBin)
        melOffset = Self.copy(offsets)
        melWeights = Self.copy(weights)
        let (rows, columns, padded) = (cepstrumCount, filterCount, paddedFilterCount)
        cepstralMatrix = cepstra.map { transform in
            Self.copy((0..<rows * padded).map { i in i % padded < columns ? transform.matrix[i / padded * columns + i % padded] : 0 })
        }
        self.plan = plan
        options = config
        logEnergyFloor = config.energyFloor > 0 ? log(config.energyFloor) : -.infinity
    }

    deinit {
        window.deallocate()
        melFirstBin.deallocate()
        melOffset.deallocate()
        melWeights.deallocate()
        cepstralMatrix?.deallocate()
    }

    static let block = 8

    static func roundUp(_ count: Int) -> Int { (count + block - 1) / block * block }

    private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
        array.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: array.count) }
        return pointer
    }

    /// Computes one frame starting at sample `start` (negative or past the end when edges are
    /// reflected) into `output[0..<dimension]`.
    func compute(start: Int, samples: UnsafeBufferPointer<Float>, scratch: FrameScratch,
                 noise: inout GaussianNoise, output: UnsafeMutablePointer<Float>) {
        let length = windowSize
        let x = scratch.frame
        var sum = extract(start: start, samples: samples, into: x)
        if options.dither != 0 {
            for i in 0..<length { x[i] += noise.next() * options.dither }
            sum = VectorMath.sum(x, count: length)
        }
        // DC removal and the raw energy in one pass (the energy is Kaldi's, after DC removal).
        let mean = options.removeDCOffset ? sum / Float(length) : 0
        let needsRawEnergy = options.useEnergy && options.rawEnergy
        var logEnergy: Float = 0
        if mean != 0 || needsRawEnergy {
            let energy = VectorMath.subtractSumSquares(x, count: length, offset: mean)
            if needsRawEnergy { logEnergy = log(max(energy, Self.epsilon)) }
        }

        // Pre-emphasis and window in one pass, into the zero-padded FFT input.
        let y = scratch.fftInput
        let p = options.preemphasisCoefficient
        let w = window
        for i in 1..<length { y[i] = (x[i] - p * x[i &- 1]) * w[i] }
        y[0] = (x[0] - p * x[0]) * w[0]
        if options.useEnergy && !options.rawEnergy {
            logEnergy = log(max(VectorMath.dot(y, y, count: length), Self.epsilon))
        }
        if logEnergy < logEnergyFloor { logEnergy = logEnergyFloor }

        plan.execute(input: y, output: scratch.fftOutput)
        let spectrum = scratch.spectrum
        let complex = UnsafeMutableRawPointer(scratch.fftOutput).assumingMemoryBound(to: Float.self)
        for k in 0..<binCount {
            let re = complex[2 &* k], im = complex[2 &* k &+ 1]
            spectrum[k] = re * re + im * im
        }
        if !options.usePower && options.kind == .fbank {
            for k in 0..<binCount { spectrum[k] = spectrum[k].squareRoot() }
        }

        let mel = scratch.mel
        for m in 0..<filterCount {
            let from = melOffset[m]
            mel[m] = VectorMath.dot(melWeights + from, spectrum + melFirstBin[m], count: melOffset[m &+ 1] &- from)
        }
        if options.kind == .mfcc || options.useLogFbank {
            for m in 0..<filterCount { mel[m] = log(max(mel[m], Self.epsilon)) }
        }

        if let matrix = cepstralMatrix {
            for k in 0..<cepstrumCount {
                output[k] = VectorMath.dot(matrix + k &* paddedFilterCount, mel, count: paddedFilterCount)
            }
            if options.useEnergy { output[0] = logEnergy }
            if options.htkCompat {
                // c1 … c(n-1), then the energy (or c0 scaled to HTK's DCT convention).
                let first = options.useEnergy ? output[0] : output[0] * Float(2).squareRoot()
                for k in 1..<cepstrumCount { output[k &- 1] = output[k] }
                output[cepstrumCount &- 1] = first
            }
        } else if options.useEnergy {
            (output + (options.htkCompat ? 0 : 1)).update(from: mel, count: filterCount)
            output[options.htkCompat ? filterCount : 0] = logEnergy
        } else {
            output.update(from: mel, count: filterCount)
        }
    }

    /// Copies the frame's samples scaled to 16-bit units and returns their sum; outside the
    /// signal, indices reflect off the edges as Kaldi's (…, 1, 0 | 0, 1, …).
    @inline(__always)
    private func extract(start: Int, samples: UnsafeBufferPointer<Float>, into x: UnsafeMutablePointer<Float>) -> Float {
        let n = samples.count, base = samples.baseAddress!
        let scale = FeatureExtractor.int16Scale
        if start >= 0 && start &+ windowSize <= n {
            return VectorMath.scaledCopySum(base + start, to: x, count: windowSize, scale: scale)
        }
        let period = 2 &* n
        var sum: Float = 0
        for i in 0..<windowSize {
            var j = (start &+ i) % period
            if j < 0 { j &+= period }
            if j >= n { j = period &- 1 &- j }
            x[i] = base[j] * scale
            sum += x[i]
        }
        return sum
    }
}

/// Per-call scratch buffers, reused by every frame of the call. Allocated 64-byte aligned
/// by Swift rather than by `fftwf_malloc`: FFTW documents only its execute functions as
/// thread-safe, and 64 bytes is at least the SIMD alignment the plans were made for.
final class FrameScratch {
    let frame: UnsafeMutablePointer<Float>
    let fftInput: UnsafeMutablePointer<Float>
    let fftOutput: UnsafeMutablePointer<fftwf_complex>
    let spectrum: UnsafeMutablePointer<Float>
    let mel: UnsafeMutablePointer<Float>

    static let alignment = 64

    init(geometry: FrameGeometry, filterCount: Int) {
        frame = Self.zeros(geometry.windowSize)
        fftInput = Self.zeros(geometry.paddedSize)
        fftOutput = UnsafeMutableRawPointer(Self.zeros(2 * (geometry.paddedSize / 2 + 1)))
            .assumingMemoryBound(to: fftwf_complex.self)
        // Padded by a SIMD block of zeros that the padded mel weights and DCT rows read.
        spectrum = Self.zeros(geometry.binCount + FrameKernel.block)
        mel = Self.zeros(FrameKernel.roundUp(filterCount))
    }

    deinit {
        for pointer in [frame, fftInput, UnsafeMutableRawPointer(fftOutput).assumingMemoryBound(to: Float.self), spectrum, mel] {
            UnsafeMutableRawPointer(pointer).deallocate()
        }
    }

    private static func zeros(_ count: Int) -> UnsafeMutablePointer<Float> {
        let count = max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: alignment)
        return raw.initializeMemory(as: Float.self, repeating: 0, count: count)
    }
}
