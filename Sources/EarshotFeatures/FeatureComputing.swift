import EarshotCore
/// A front end: mono samples in [-1, 1] in, one feature row per frame out. `FeatureExtractor`
/// is the implementation; a test or a new model can put another behind the same shape.
public protocol FeatureComputing: Sendable {
    /// The sample rate the front end was built for.
    var sampleRate: Int { get }
    /// Columns per frame.
    var dimension: Int { get }
    func compute(_ samples: UnsafeBufferPointer<Float>, source: String) throws(FeatureError) -> FrameMatrix
}

extension FeatureExtractor: FeatureComputing {}
