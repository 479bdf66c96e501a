import EarshotCore
import Testing

/// The seeded streams pinned to the values they had before they moved into one module (checked
/// then against each module's own copy, and against a Python transcription of the algorithms):
/// a corpus, an augmentation, a bootstrap interval or a trained model made from a seed must stay
/// the same from release to release, so any change to these numbers is a breaking change.
@Suite struct SeededGeneratorTests {
    @Test func splitMix64StreamsArePinned() {
        var plain = SplitMix64(seed: 42)
        #expect((0..<3).map { _ in plain.next() } == [0xbdd7_3226_2feb_6e95, 0x28ef_e333_b266_f103, 0x4752_6757_130f_9f52])
        var named = SplitMix64(seed: 7, stream: "speaker=george")
        #expect((0..<3).map { _ in named.next() } == [0xf69b_1540_1617_5a38, 0xa00e_4407_eea1_8e05, 0x1968_9b85_6777_4c31])
        var item = SplitMix64(seed: 11, index: 5, stream: 3)
        #expect((0..<3).map { _ in item.next() } == [0xff6b_fe30_4c2e_87cd, 0xcdf8_1bde_0cae_f345, 0xf370_36fd_54a8_ff04])
        #expect(SplitMix64.derive(1, 2) == 0x445c_9b46_b62c_70b8)
        var floats = SplitMix64(seed: 4)
        #expect(floats.nextUnitFloat() == 0.4314558)
        #expect(floats.nextGaussianFloat() == 0.30209872)
    }

    @Test func xoshiroStreamIsPinned() {
        var generator = SeededGenerator(seed: 1)
        #expect((0..<3).map { _ in generator.next() } == [0xb3f2_af6d_0fc7_10c5, 0x853b_5596_4736_4cea, 0x92f8_9756_082a_4514])
        var draws = SeededGenerator(seed: 3)
        #expect(draws.nextUnit() == 0.690638295117788)
        #expect(draws.nextGaussian() == 0.2833880423955861)
        #expect(draws.nextIndex(below: 1000) == 402)
    }

    /// Items of one stream do not depend on the order they are made in, nor on their neighbours.
    @Test func itemStreamsAreIndependentOfOrder() {
        var early = SplitMix64(seed: 9, index: 3)
        var neighbour = SplitMix64(seed: 9, index: 2)
        _ = neighbour.next()
        var late = SplitMix64(seed: 9, index: 3)
        #expect(early.next() == late.next())
        var other = SplitMix64(seed: 9, index: 4)
        #expect(late.next() != other.next())
    }

    @Test func positiveUnitIsNeverZero() {
        var generator = SplitMix64(seed: 0)
        for _ in 0..<10_000 {
            let u = generator.nextPositiveUnit()
            #expect(u > 0 && u <= 1)
        }
    }
}
