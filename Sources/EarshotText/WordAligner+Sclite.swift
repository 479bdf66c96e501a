extension WordAligner {
    static let scliteSubstitution: Int32 = 4
    static let scliteInsertion: Int32 = 3
    static let scliteDeletion: Int32 = 3

    // Back-pointer codes of the sclite pass.
    private static let diagonal: UInt8 = 0, up: UInt8 = 1, left: UInt8 = 2

    /// NIST sclite's alignment of two linear word networks: a forward pass with hit 0,
    /// substitution 4, insertion and deletion 3, where each cell keeps the diagonal if it is
    /// no worse than both others, else the deletion if strictly better than the insertion,
    /// else the insertion; then the back-pointers are followed from the last cell.
    mutating func alignSclite(_ ref: UnsafeBufferPointer<Int32>, _ hyp: UnsafeBufferPointer<Int32>) {
        let n = ref.count, m = hyp.count, width = m + 1
        reserve(cells: (n + 1) * width, withBack: true)
        cost.withUnsafeMutableBufferPointer { d in
            back.withUnsafeMutableBufferPointer { p in
                d[0] = 0
                if m > 0 {
                    for j in 1...m { d[j] = Int32(j) * Self.scliteInsertion; p[j] = Self.left }
                }
                if n > 0 {
                    for i in 1...n {
                        let row = i * width, up = row - width
                        d[row] = Int32(i) * Self.scliteDeletion
                        p[row] = Self.up
                        let ri = ref[i - 1]
                        if m > 0 {
                            for j in 1...m {
                                let sub = d[up + j - 1] + (ri == hyp[j - 1] ? 0 : Self.scliteSubstitution)
                                let del = d[up + j] + Self.scliteDeletion
                                let ins = d[row + j - 1] + Self.scliteInsertion
                                if sub <= del, sub <= ins {
                                    d[row + j] = sub; p[row + j] = Self.diagonal
                                } else if del < ins {
                                    d[row + j] = del; p[row + j] = Self.up
                                } else {
                                    d[row + j] = ins; p[row + j] = Self.left
                                }
                            }
                        }
                    }
                }
                var i = n, j = m
                while i > 0 || j > 0 {
                    switch p[i * width + j] {
                    case Self.up:
                        reversedOps.append(.deletion); i -= 1
                    case Self.left:
                        reversedOps.append(.insertion); j -= 1
                    default:
                        i -= 1; j -= 1
                        reversedOps.append(ref[i] == hyp[j] ? .match : .substitution)
                    }
                }
            }
        }
    }
}
