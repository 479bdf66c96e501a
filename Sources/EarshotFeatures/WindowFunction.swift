import Foundation

extension WindowType {
    /// The window's `length` coefficients (Kaldi's FeatureWindowFunction), computed in Double.
    public func coefficients(length: Int, blackmanCoefficient: Double = 0.42) -> [Float] {
        guard length > 1 else { return [Float](repeating: 1, count: max(0, length)) }
        let a = 2 * Double.pi / Double(length - 1)
        return (0..<length).map { i in
            let x = a * Double(i)
            let value: Double = switch self {
            case .hanning: 0.5 - 0.5 * cos(x)
            case .hamming: 0.54 - 0.46 * cos(x)
            case .povey: pow(0.5 - 0.5 * cos(x), 0.85)
            case .rectangular: 1
            case .blackman: blackmanCoefficient - 0.5 * cos(x) + (0.5 - blackmanCoefficient) * cos(2 * x)
            }
            return Float(value)
        }
    }
}
