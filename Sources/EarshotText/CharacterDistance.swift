/// Unit-cost edit distance between two sequences of Unicode scalar values, as used for the
/// character error rate (which needs only the distance, not the S/D/I split).
/// References of up to 64 characters use Hyyrö's bit-parallel algorithm; longer ones a
/// two-row dynamic program. Buffers are reused across calls.
public struct CharacterDistance: Sendable {
    /// Match masks for scalars below 256, indexed by scalar value; other scalars use `wide`.
    private var narrow = [UInt64](repeating: 0, count: 256)
    private var wide: [(scalar: UInt32, mask: UInt64)] = []
    private var row: [Int32] = []

    public init() {}

    public mutating func distance(_ reference: [UInt32], _ hypothesis: [UInt32]) -> Int {
        if reference.isEmpty { return hypothesis.count }
        if hypothesis.isEmpty { return reference.count }
        if reference.count <= 64 { return bitParallel(reference, hypothesis) }
        return twoRow(reference, hypothesis)
    }

    private func mask(of scalar: UInt32) -> UInt64 {
        if scalar < 256 { return narrow[Int(scalar)] }
        for entry in wide where entry.scalar == scalar { return entry.mask }
        return 0
    }

    private mutating func bitParallel(_ pattern: [UInt32], _ text: [UInt32]) -> Int {
        for (k, scalar) in pattern.enumerated() {
            let bit = UInt64(1) << UInt64(k)
            if scalar < 256 {
                narrow[Int(scalar)] |= bit
            } else if let index = wide.firstIndex(where: { $0.scalar == scalar }) {
                wide[index].mask |= bit
            } else {
                wide.append((scalar, bit))
            }
        }
        let last = UInt64(1) << UInt64(pattern.count - 1)
        var vp = UInt64.max, vn: UInt64 = 0
        var score = pattern.count
        for scalar in text {
            let x = mask(of: scalar) | vn
            let d0 = (((x & vp) &+ vp) ^ vp) | x
            let hn = vp & d0
            let hp = vn | ~(vp | d0)
            if hp & last != 0 { score += 1 }
            if hn & last != 0 { score -= 1 }
            let shifted = (hp << 1) | 1
            vn = shifted & d0
            vp = (hn << 1) | ~(shifted | d0)
        }
        for scalar in pattern where scalar < 256 { narrow[Int(scalar)] = 0 }
        wide.removeAll(keepingCapacity: true)
        return score
    }

    private mutating func twoRow(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let m = b.count
        if row.count < m + 1 { row = [Int32](repeating: 0, count: m + 1) }
        for j in 0...m { row[j] = Int32(j) }
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = Int32(i)
            for j in 1...m {
                let above = row[j]
                row[j] = min(diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), min(above, row[j - 1]) + 1)
                diagonal = above
            }
        }
        return Int(row[m])
    }
}
