/// Unit-cost edit distance between two sequences of Unicode scalar values, as used for the
/// character error rate (which needs only the distance, not the S/D/I split).
/// Hyyrö's bit-parallel algorithm over 64-bit blocks of the shorter sequence (the distance
/// is symmetric), so a pair costs about ⌈n/64⌉·m word operations. Buffers are reused.
public struct CharacterDistance: Sendable {
    /// Match masks, `blocks` per scalar: scalars below 256 at `scalar * blocks`, others in `wide`.
    private var narrow: [UInt64] = []
    private var wideScalars: [UInt32] = []
    private var wideMasks: [UInt64] = []
    private var vp: [UInt64] = []
    private var vn: [UInt64] = []
    private var blocks = 0

    public init() {}

    public mutating func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let (pattern, text) = a.count <= b.count ? (a, b) : (b, a)
        if pattern.isEmpty { return text.count }
        prepare(pattern)
        defer { reset(pattern) }
        return pattern.count <= 64 ? singleBlock(pattern.count, text) : multiBlock(pattern.count, text)
    }

    private mutating func prepare(_ pattern: [UInt32]) {
        blocks = (pattern.count + 63) / 64
        if narrow.count < 256 * blocks { narrow = [UInt64](repeating: 0, count: 256 * blocks) }
        for (k, scalar) in pattern.enumerated() {
            let bit = UInt64(1) << UInt64(k & 63), block = k >> 6
            if scalar < 256 {
                narrow[Int(scalar) * blocks + block] |= bit
            } else {
                var index = wideScalars.firstIndex(of: scalar) ?? -1
                if index < 0 {
                    index = wideScalars.count
                    wideScalars.append(scalar)
                    wideMasks.append(contentsOf: repeatElement(0, count: blocks))
                }
                wideMasks[index * blocks + block] |= bit
            }
        }
    }

    private mutating func reset(_ pattern: [UInt32]) {
        for scalar in pattern where scalar < 256 {
            for block in 0..<blocks { narrow[Int(scalar) * blocks + block] = 0 }
        }
        wideScalars.removeAll(keepingCapacity: true)
        wideMasks.removeAll(keepingCapacity: true)
    }

    @inline(__always) private func mask(_ scalar: UInt32, block: Int) -> UInt64 {
        if scalar < 256 { return narrow[Int(scalar) * blocks + block] }
        guard let index = wideScalars.firstIndex(of: scalar) else { return 0 }
        return wideMasks[index * blocks + block]
    }

    private func singleBlock(_ n: Int, _ text: [UInt32]) -> Int {
        let last = UInt64(1) << UInt64(n - 1)
        var vp = UInt64.max, vn: UInt64 = 0
        var score = n
        for scalar in text {
            let x = mask(scalar, block: 0) | vn
            let d0 = (((x & vp) &+ vp) ^ vp) | x
            let hn = vp & d0
            let hp = vn | ~(vp | d0)
            if hp & last != 0 { score += 1 }
            if hn & last != 0 { score -= 1 }
            let shifted = (hp << 1) | 1
            vn = shifted & d0
            vp = (hn << 1) | ~(shifted | d0)
        }
        return score
    }

    /// The same recurrences with carries between blocks: the addition's carry and the
    /// horizontal deltas leaving each block's top bit.
    private mutating func multiBlock(_ n: Int, _ text: [UInt32]) -> Int {
        if vp.count < blocks {
            vp = [UInt64](repeating: 0, count: blocks)
            vn = [UInt64](repeating: 0, count: blocks)
        }
        for block in 0..<blocks { vp[block] = .max; vn[block] = 0 }
        let last = UInt64(1) << UInt64((n - 1) & 63)
        var score = n
        for scalar in text {
            var hpCarry: UInt64 = 1, hnCarry: UInt64 = 0, addCarry: UInt64 = 0
            for block in 0..<blocks {
                let p = vp[block], q = vn[block]
                let x = mask(scalar, block: block) | q
                let (partial, overflow1) = (x & p).addingReportingOverflow(p)
                let (sum, overflow2) = partial.addingReportingOverflow(addCarry)
                addCarry = (overflow1 || overflow2) ? 1 : 0
                let d0 = (sum ^ p) | x
                let hn = p & d0
                let hp = q | ~(p | d0)
                if block == blocks - 1 {
                    if hp & last != 0 { score += 1 }
                    if hn & last != 0 { score -= 1 }
                }
                let shiftedP = (hp << 1) | hpCarry
                let shiftedN = (hn << 1) | hnCarry
                hpCarry = hp >> 63
                hnCarry = hn >> 63
                vn[block] = shiftedP & d0
                vp[block] = shiftedN | ~(shiftedP | d0)
            }
        }
        return score
    }
}
