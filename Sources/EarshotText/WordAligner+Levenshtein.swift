extension WordAligner {
    /// jiwer 4's alignment: rapidfuzz `Levenshtein.editops` semantics. The common prefix and
    /// suffix are matched first; the middle gets a unit-cost edit-distance matrix whose
    /// backtrace from the end takes, at each cell, a deletion if one is optimal, else an
    /// insertion if one is optimal, else the diagonal (hit or substitution).
    mutating func alignLevenshtein(_ ref: UnsafeBufferPointer<Int32>, _ hyp: UnsafeBufferPointer<Int32>) {
        var prefix = 0
        while prefix < ref.count, prefix < hyp.count, ref[prefix] == hyp[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < ref.count - prefix, suffix < hyp.count - prefix,
              ref[ref.count - 1 - suffix] == hyp[hyp.count - 1 - suffix] { suffix += 1 }
        for _ in 0..<suffix { reversedOps.append(.match) }

        let n = ref.count - prefix - suffix
        let m = hyp.count - prefix - suffix
        let a = UnsafeBufferPointer(rebasing: ref[prefix..<(prefix + n)])
        let b = UnsafeBufferPointer(rebasing: hyp[prefix..<(prefix + m)])
        let width = m + 1
        reserve(cells: (n + 1) * width, withBack: false)
        cost.withUnsafeMutableBufferPointer { d in
            for j in 0...m { d[j] = Int32(j) }
            if n > 0 {
                for i in 1...n {
                    let row = i * width, up = row - width
                    d[row] = Int32(i)
                    let ai = a[i - 1]
                    var left = Int32(i)
                    if m > 0 {
                        for j in 1...m {
                            let diagonal = d[up + j - 1] + (ai == b[j - 1] ? 0 : 1)
                            let value = min(diagonal, min(d[up + j], left) + 1)
                            d[row + j] = value
                            left = value
                        }
                    }
                }
            }
            var i = n, j = m
            while i > 0, j > 0 {
                if d[i * width + j] == d[(i - 1) * width + j] + 1 {
                    reversedOps.append(.deletion)
                    i -= 1
                } else {
                    j -= 1
                    if j > 0, d[i * width + j] < d[(i - 1) * width + j] {
                        reversedOps.append(.insertion)
                    } else {
                        i -= 1
                        reversedOps.append(a[i] == b[j] ? .match : .substitution)
                    }
                }
            }
            for _ in 0..<i { reversedOps.append(.deletion) }
            for _ in 0..<j { reversedOps.append(.insertion) }
        }
        for _ in 0..<prefix { reversedOps.append(.match) }
    }
}
