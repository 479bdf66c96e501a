import EarshotCore
import Testing
@testable import EarshotAcousticModel

@Suite(.timeLimit(.minutes(5))) struct FeatureMaskingTests {
    let features: FrameMatrix = {
        // Every value nonzero, so a 0 can only come from a mask.
        try! FrameMatrix(frames: 100, dimensions: 20, values: (0..<2000).map { Float($0 % 97) + 1 })
    }()

    @Test func masksStayWithinTheirLimitsAndReplayForASeed() throws {
        let masking = FeatureMasking(frequencyMasks: 2, maxFrequencyWidth: 5, timeMasks: 3, maxTimeWidth: 8, maxTimeFraction: 0.05)
        try masking.validate()
        var sawMask = false
        for seed in UInt64(0)..<50 {
            var rng = SeededGenerator(seed: seed)
            let masked = masking.apply(to: features, rng: &rng)
            var again = SeededGenerator(seed: seed)
            #expect(masking.apply(to: features, rng: &again) == masked)
            // Fully masked dimensions (columns) and frames (rows).
            let columns = (0..<20).filter { d in (0..<100).allSatisfy { masked[$0, d] == 0 } }
            let rows = (0..<100).filter { t in masked.row(t).allSatisfy { $0 == 0 } }
            #expect(columns.count <= 2 * 5)
            #expect(rows.count <= 3 * 5)  // 5% of 100 frames caps each run below maxTimeWidth
            // Every zero is explained by a masked row or column.
            for t in 0..<100 {
                for d in 0..<20 where masked[t, d] == 0 { #expect(columns.contains(d) || rows.contains(t)) }
            }
            sawMask = sawMask || !columns.isEmpty || !rows.isEmpty
        }
        #expect(sawMask)
    }

    @Test func noMasksIsTheIdentityAndBadSettingsAreRejected() throws {
        var rng = SeededGenerator(seed: 1)
        #expect(FeatureMasking(frequencyMasks: 0, timeMasks: 0).apply(to: features, rng: &rng) == features)
        #expect(throws: AcousticModelError.self) { try FeatureMasking(maxTimeFraction: 2).validate() }
        #expect(throws: AcousticModelError.self) { try FeatureMasking(frequencyMasks: -1).validate() }
        // Shorter than a mask, or a single frame: still in bounds.
        let tiny = try FrameMatrix(frames: 1, dimensions: 3, values: [1, 2, 3])
        _ = FeatureMasking(maxFrequencyWidth: 10, maxTimeWidth: 10, maxTimeFraction: 1).apply(to: tiny, rng: &rng)
        // Unvalidated nonsense is clamped, not a crash.
        let nonsense = FeatureMasking(frequencyMasks: -3, maxFrequencyWidth: -2, timeMasks: 2, maxTimeWidth: 5, maxTimeFraction: .nan)
        #expect(nonsense.apply(to: features, rng: &rng) == features)
    }
}
