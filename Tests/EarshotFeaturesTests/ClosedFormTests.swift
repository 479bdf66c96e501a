import Foundation
import Testing
@testable import EarshotFeatures

/// The building blocks against their textbook formulas.
@Suite(.timeLimit(.minutes(5))) struct ClosedFormTests {
    @Test func melScaleIsKaldis() {
        #expect(MelFilterbank.mel(0) == 0)
        #expect(abs(MelFilterbank.mel(700) - 1127 * log(2.0)) < 1e-9)
        #expect(abs(MelFilterbank.mel(1000) - 1000) < 0.01)  // the scale is built so 1 kHz ≈ 1000 mel
        for hertz in [20.0, 440, 4000, 8000] {
            #expect(abs(MelFilterbank.hertz(MelFilterbank.mel(hertz)) - hertz) < 1e-9)
        }
    }

    @Test func windowShapes() {
        let n = 400
        let a = 2 * Double.pi / Double(n - 1)
        let shapes: [(WindowType, (Double) -> Double)] = [
            (.hanning, { 0.5 - 0.5 * cos(a * $0) }),
            (.hamming, { 0.54 - 0.46 * cos(a * $0) }),
            (.povey, { pow(0.5 - 0.5 * cos(a * $0), 0.85) }),
            (.rectangular, { _ in 1 }),
            (.blackman, { 0.42 - 0.5 * cos(a * $0) + 0.08 * cos(2 * a * $0) }),
        ]
        for (type, formula) in shapes {
            let window = type.coefficients(length: n)
            #expect(window.count == n)
            for i in [0, 1, 57, 199, 200, 398, 399] {
                #expect(abs(Double(window[i]) - formula(Double(i))) < 1e-6, "\(type) at \(i)")
            }
            // Symmetric, peaking in the middle.
            #expect(abs(window[10] - window[n - 11]) < 1e-6, "\(type) symmetry")
        }
        #expect(WindowType.hanning.coefficients(length: n)[0] == 0)
        #expect(abs(WindowType.hamming.coefficients(length: n)[0] - 0.08) < 1e-6)
    }

    @Test func dctIsOrthonormal() {
        let size = 23
        let dct = CepstralTransform.dctMatrix(size: size)
        for i in 0..<size {
            for j in 0..<size {
                let product = (0..<size).reduce(0.0) { $0 + dct[i * size + $1] * dct[j * size + $1] }
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-12, "rows \(i), \(j)")
            }
        }
        // Row 0 is the scaled mean; row 1 the half cosine.
        #expect(abs(dct[0] - (1 / Double(size)).squareRoot()) < 1e-15)
        #expect(abs(dct[size + 3] - (2 / Double(size)).squareRoot() * cos(Double.pi * 3.5 / Double(size))) < 1e-15)
    }

    @Test func lifterIsKaldis() throws {
        let lifters = CepstralTransform.lifterCoefficients(count: 13, lifter: 22)
        #expect(lifters[0] == 1)
        #expect(abs(lifters[11] - (1 + 11 * sin(Double.pi / 2))) < 1e-12)
        let transform = try CepstralTransform(cepstrumCount: 13, filterCount: 23, lifter: 22)
        let dct = CepstralTransform.dctMatrix(size: 23)
        #expect(abs(Double(transform.matrix[5 * 23 + 7]) - dct[5 * 23 + 7] * lifters[5]) < 1e-6)
    }

    @Test func melFiltersAreTrianglesBetweenTheirNeighboursCentres() throws {
        let bank = try MelFilterbank(filterCount: 23, paddedSize: 512, sampleRate: 16000, lowFreq: 20, highFreq: 0)
        let melLow = MelFilterbank.mel(20), melHigh = MelFilterbank.mel(8000)
        let delta = (melHigh - melLow) / 24
        for m in 0..<23 {
            for bin in 0..<256 {
                let mel = MelFilterbank.mel(Double(bin) * 16000 / 512)
                let left = melLow + Double(m) * delta, center = left + delta, right = center + delta
                let expected = mel <= left || mel >= right ? 0
                    : mel <= center ? (mel - left) / delta : (right - mel) / delta
                #expect(abs(Double(bank.weight(filter: m, bin: bin)) - expected) < 1e-5, "filter \(m) bin \(bin)")
            }
        }
        // Sparse: about two weights per FFT bin, not bins × filters.
        #expect(bank.weights.count < 2 * 256)
    }

    @Test func frameGeometryFollowsKaldi() throws {
        let snip = try FrameGeometry(config: .mfcc, sampleRate: 16000)
        #expect(snip.windowSize == 400 && snip.windowShift == 160 && snip.paddedSize == 512)
        #expect(snip.frameCount(sampleCount: 399) == 0)
        #expect(snip.frameCount(sampleCount: 400) == 1)
        #expect(snip.frameCount(sampleCount: 16000) == 98)
        var config = FeatureConfig.mfcc
        config.snipEdges = false
        config.roundToPowerOfTwo = false
        let centred = try FrameGeometry(config: config, sampleRate: 16000)
        #expect(centred.paddedSize == 400)
        #expect(centred.frameCount(sampleCount: 16000) == 100)
        #expect(centred.frameCount(sampleCount: 79) == 0)
        #expect(centred.frameCount(sampleCount: 80) == 1)
        #expect(centred.firstSample(ofFrame: 0) == 80 - 200)
        let odd = try FrameGeometry(config: .mfcc, sampleRate: 22050)
        #expect(odd.windowSize == 551 && odd.windowShift == 220 && odd.paddedSize == 1024)
    }
}
