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

extension VectorMath {
    /// `destination = source × scale`, returning the sum of `destination` (one pass).
    @inline(__always)
    static func scaledCopySum(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>,
                              count n: Int, scale: Float) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i &+ 8 <= n {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) * scale
            UnsafeMutableRawPointer(destination + i).storeBytes(of: v, as: SIMD8<Float>.self)
            acc += v
            i &+= 8
        }
        var total = acc.sum()
        while i < n {
            let v = source[i] * scale
            destination[i] = v
            total += v
            i &+= 1
        }
        return total
    }

    /// `x -= offset` in place, returning the sum of squares of the result (one pass).
    @inline(__always)
    static func subtractSumSquares(_ x: UnsafeMutablePointer<Float>, count n: Int, offset: Float) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i &+ 8 <= n {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) - offset
            UnsafeMutableRawPointer(x + i).storeBytes(of: v, as: SIMD8<Float>.self)
            acc += v * v
            i &+= 8
        }
        var total = acc.sum()
        while i < n {
            let v = x[i] - offset
            x[i] = v
            total += v * v
            i &+= 1
        }
        return total
    }
}
