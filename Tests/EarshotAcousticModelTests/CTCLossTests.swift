import EarshotCore
import Foundation
import Testing
@testable import EarshotAcousticModel

@Suite(.timeLimit(.minutes(5))) struct CTCLossTests {
    /// −log Σ over every one of units^frames paths that collapses to `labels` of Π softmax.
    func bruteForceLoss(_ logits: FrameMatrix, labels: [Int], blank: Int) -> Double {
        let (frames, units) = (logits.frames, logits.dimensions)
        var probabilities = [[Double]]()
        for t in 0..<frames {
            let row = logits.row(t).map(Double.init)
            let m = row.max()!
            let total = row.reduce(0) { $0 + exp($1 - m) }
            probabilities.append(row.map { exp($0 - m) / total })
        }
        var sum: Double = 0
        var path = [Int](repeating: 0, count: frames)
        let count = Int(pow(Double(units), Double(frames)))
        for code in 0..<count {
            var c = code
            for t in 0..<frames { path[t] = c % units; c /= units }
            var collapsed: [Int] = []
            var previous = -1
            for unit in path {
                if unit != previous && unit != blank { collapsed.append(unit) }
                previous = unit
            }
            guard collapsed == labels else { continue }
            sum += (0..<frames).reduce(1.0) { $0 * probabilities[$1][path[$1]] }
        }
        return -log(sum)
    }

    func randomLogits(frames: Int, units: Int, seed: UInt64, scale: Double = 1.5) -> FrameMatrix {
        var rng = SeededGenerator(seed: seed)
        return try! FrameMatrix(frames: frames, dimensions: units, values: TestData.gaussian(frames * units, rng: &rng, scale: scale))
    }

    @Test(arguments: [
        (frames: 5, units: 3, blank: 0, labels: [1, 2]),
        (frames: 6, units: 4, blank: 0, labels: [1, 1]),  // repeat: needs a blank between
        (frames: 6, units: 4, blank: 3, labels: [0, 2, 0]),  // blank not at 0
        (frames: 3, units: 3, blank: 0, labels: [2, 2]),  // exactly the minimum frames for a repeat
        (frames: 4, units: 3, blank: 1, labels: []),  // all blanks
        (frames: 7, units: 3, blank: 0, labels: [1, 2, 1, 1]),
    ])
    func matchesBruteForceEnumeration(frames: Int, units: Int, blank: Int, labels: [Int]) throws {
        let logits = randomLogits(frames: frames, units: units, seed: UInt64(frames * 31 + units + labels.count))
        let expected = bruteForceLoss(logits, labels: labels, blank: blank)
        let loss = try CTCLoss.loss(logits: logits, labels: labels, blank: blank)
        #expect(abs(loss - expected) < 1e-9 * max(1, abs(expected)))
    }

    @Test(arguments: [(labels: [1, 2, 3], blank: 0), (labels: [2, 2, 1], blank: 0), (labels: [0, 0, 4, 0], blank: 2)])
    func gradientMatchesFiniteDifferences(labels: [Int], blank: Int) throws {
        let logits = randomLogits(frames: 9, units: 5, seed: 21)
        let result = try CTCLoss.lossAndGradient(logits: logits, labels: labels, blank: blank)
        let numeric = try GradientCheck.numerical(at: logits.values, epsilon: 1e-2) {
            try CTCLoss.loss(logits: FrameMatrix(frames: 9, dimensions: 5, values: $0), labels: labels, blank: blank)
        }
        let analytic = result.gradient.values.map(Double.init)
        #expect(GradientCheck.relativeError(numeric, analytic) < 1e-4)
        #expect(GradientCheck.worstElementError(numeric, analytic, floor: 1e-2) < 1e-2)
        // Each frame's gradient sums to zero: softmax minus a distribution over units.
        for t in 0..<9 {
            #expect(abs(result.gradient.row(t).reduce(0, +)) < 1e-5)
        }
    }

    struct ReferenceCase: Sendable {
        let frames: Int, units: Int, blank: Int, labels: [Int], loss: Double, gradient: [Double]
    }

    /// Values from Tests/Reference/ctc_reference.py (numpy, probability-space recursion with
    /// rescaling — a different formulation), for z[t,k] = 2 sin(0.9t + 1.7k + 0.3) + 0.5 cos(2.3tk + 0.1).
    static let referenceCases: [ReferenceCase] = [
        ReferenceCase(frames: 6, units: 4, blank: 0, labels: [1, 2],
                      loss: 2.402037405342438,
                      gradient: [0.1593203147529853, -0.22495283395595866, 0.040635054721262165, 0.024997464481711255, -0.08626375132655395, -0.036632020209736715, 0.010109335623253186, 0.11278643591303728, -0.37304182707471384, 0.007073084220368349, 0.0037384782158220416, 0.3622302646385233, -0.37637065109865553, 0.005831415212984114, -0.23293860177224382, 0.6034778376579153, 0.010747180666008068, 0.012852760878097311, -0.16170700989347497, 0.13810706834936975, -0.011578080014813513, 0.2631870525974122, -0.2829165279714967, 0.031307555388898074]),
        ReferenceCase(frames: 8, units: 5, blank: 0, labels: [1, 1, 3],
                      loss: 11.60870216545367,
                      gradient: [0.08927391910645663, -0.4679492510713105, 0.027021019464142457, 0.016622519126597825, 0.33503179337411376, -0.29041073701880493, -0.04991548924183539, 0.0076641350450359115, 0.08483488905955688, 0.2478272021560475, -0.4587237169873684, -0.05330459343200379, 0.0075989399786901436, 0.2814662884412473, 0.22296308199943465, -0.6483427127160594, -0.07160328208583337, 0.14350429091726666, 0.5445273416974854, 0.03191436218714074, -0.5780222427388865, -0.2754695970347185, 0.7924350187649853, 0.04214330868817372, 0.018913512320445997, -0.07637982549697536, -0.5412995655986936, 0.6638910121547501, -0.065010947411061, 0.018799326351979943, -0.12049136251999537, 0.04355942120680967, 0.12828935711261444, -0.15715399221692727, 0.10579657641749839, -0.023776360033354593, 0.3309538153446074, 0.039145375456536034, -0.7007400145754296, 0.35441718380764076]),
        ReferenceCase(frames: 5, units: 3, blank: 2, labels: [0, 1, 0],
                      loss: 3.7721275649406185,
                      gradient: [-0.7506651258138224, 0.7411577917192447, 0.009507334094577692, 0.6949022077828164, -0.7044306164402839, 0.009528408657467341, 0.15724857914407708, -0.164317804337691, 0.007069225193613948, -0.09958998361741744, 0.028597155478340526, 0.07099282813907681, -0.015195167397604369, 0.018422040491434692, -0.003226873093830296]),
        ReferenceCase(frames: 12, units: 6, blank: 0, labels: [3, 1, 4, 1, 5],
                      loss: 15.485602177217213,
                      gradient: [-0.8697419977711808, 0.38406232209542396, 0.021596636996006214, -0.004438976507647506, 0.2677752419083764, 0.20074677327902196, -0.36331887924522666, 0.056489082981529284, 0.0073452577377308, 0.02036211062099578, 0.23751599672502294, 0.04160643117994764, -0.15683229063306312, 0.013536015976592895, 0.007550108840343856, -0.09025392961130485, 0.21957404936268735, 0.006426046064744036, 0.03420578125645169, 0.010339070567551789, 0.14199240673578195, -0.22733369771103107, 0.030260975913032666, 0.010535463238213048, -0.15188430974925554, -0.07879326269925563, 0.7546561585389052, -0.5806458964368179, 0.009069979809226174, 0.04759733053719753, -0.04096196295251645, -0.7137071442538022, 0.4102593282898283, -0.02985673524431809, -0.007168443279836779, 0.3814349574406454, -0.014598900371585314, -0.3507287057738032, 0.05698687335739069, 0.004231962010380374, -0.2478768498110508, 0.5519856205886684, 0.07305493242363471, -0.05348766044020381, 0.029310400541591106, 0.011938512440914317, -0.30609118719325606, 0.24527500222731993, 0.15105086705759088, -0.32879697330166135, 0.008853936806684138, 0.05731728134908203, 0.09480948216868679, 0.016765405919617612, -0.34626532866610865, -0.11027567256157392, 0.008329128813932819, 0.36983509985711605, 0.07657552489098222, 0.0018012476656513658, -0.5243290887112853, -0.2660102313351499, 0.06667469054776062, 0.7534359388372022, 0.023488084768023762, -0.05325939410655152, -0.0020433736837070504, 0.03313762888615748, 0.6180409154792308, 0.2351776525416185, 0.014749223876492332, -0.8990620470997921]),
        ReferenceCase(frames: 4, units: 3, blank: 0, labels: [],
                      loss: 2.24003497771571,
                      gradient: [-0.7828346625385205, 0.7411577917192447, 0.04167687081927588, -0.10558750481415713, 0.09410286570681685, 0.011484639107340223, -0.04551848224744903, 0.030184764860994126, 0.015333717386454958, -0.42579194343277327, 0.05195377167035749, 0.3738381717624157]),
    ]

    @Test(arguments: referenceCases.indices)
    func matchesNumpyReference(_ index: Int) throws {
        let reference = Self.referenceCases[index]
        var values: [Float] = []
        for t in 0..<reference.frames {
            for k in 0..<reference.units {
                let (tt, kk) = (Double(t), Double(k))
                values.append(Float(2 * sin(0.9 * tt + 1.7 * kk + 0.3) + 0.5 * cos(2.3 * tt * kk + 0.1)))
            }
        }
        let logits = try FrameMatrix(frames: reference.frames, dimensions: reference.units, values: values)
        let result = try CTCLoss.lossAndGradient(logits: logits, labels: reference.labels, blank: reference.blank)
        #expect(abs(result.loss - reference.loss) < 1e-9 * max(1, reference.loss))
        let gradient = result.gradient.values.map(Double.init)
        #expect(zip(gradient, reference.gradient).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func infeasibleAlignmentIsAnErrorNotNaN() {
        let logits = randomLogits(frames: 3, units: 4, seed: 5)
        #expect(throws: AcousticModelError.infeasibleAlignment(labels: 4, requiredFrames: 4, frames: 3)) {
            try CTCLoss.loss(logits: logits, labels: [1, 2, 3, 1], blank: 0)
        }
        // Two repeats need a blank each: [1,1,1] needs 5 frames.
        #expect(throws: AcousticModelError.infeasibleAlignment(labels: 3, requiredFrames: 5, frames: 3)) {
            try CTCLoss.lossAndGradient(logits: logits, labels: [1, 1, 1], blank: 0)
        }
        #expect(CTCLoss.requiredFrames(for: [1, 1, 1, 2, 2]) == 8)
    }

    @Test func rejectsBlankAndOutOfRangeLabels() {
        let logits = randomLogits(frames: 6, units: 4, seed: 6)
        #expect(throws: AcousticModelError.invalidLabel(label: 0, unitCount: 4, blank: 0)) {
            try CTCLoss.loss(logits: logits, labels: [1, 0], blank: 0)
        }
        #expect(throws: AcousticModelError.invalidLabel(label: 4, unitCount: 4, blank: 0)) {
            try CTCLoss.loss(logits: logits, labels: [4], blank: 0)
        }
        #expect(throws: AcousticModelError.self) { try CTCLoss.loss(logits: logits, labels: [1], blank: 9) }
    }

    @Test func stableForExtremeLogits() throws {
        // Huge logits would overflow exp in Float and even Double without the log-space recursion.
        let logits = randomLogits(frames: 20, units: 6, seed: 8, scale: 800)
        let result = try CTCLoss.lossAndGradient(logits: logits, labels: [1, 2, 3, 4, 5, 1, 2], blank: 0)
        #expect(result.loss.isFinite && result.loss > 0)
        #expect(result.gradient.values.allSatisfy { $0.isFinite && abs($0) <= 1 })
    }

    @Test func confidentCorrectAlignmentHasNearZeroLoss() throws {
        // Frames say: blank, a, a, blank, b — the labels [a, b] are near certain.
        let path = [0, 1, 1, 0, 2]
        let values = path.flatMap { best in (0..<3).map { $0 == best ? Float(20) : Float(0) } }
        let logits = try FrameMatrix(frames: 5, dimensions: 3, values: values)
        #expect(try CTCLoss.loss(logits: logits, labels: [1, 2], blank: 0) < 1e-6)
        #expect(try CTCLoss.loss(logits: logits, labels: [2, 1], blank: 0) > 20)
    }
}
