/// Reductions over raw pointers with eight independent accumulators: Swift keeps float
/// additions in order, so a plain loop cannot vectorize a sum, but SIMD lanes can.
enum VectorMath {
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i &+ 8 <= n {
            acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            i &+= 8
        }
        var total = acc.sum()
        while i < n {
            total += p[i]
            i &+= 1
        }
        return total
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i &+ 8 <= n {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            acc += x * y  // not addingProduct: without FMA in the baseline ISA that is a libm call
            i &+= 8
        }
        var total = acc.sum()
        while i < n {
            total += a[i] * b[i]
            i &+= 1
        }
        return total
    }
}
