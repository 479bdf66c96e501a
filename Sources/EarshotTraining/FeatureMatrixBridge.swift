import EarshotAcousticModel
import EarshotFeatures

/// The features module's `FeatureMatrix` and the model's `FrameMatrix` hold the same frames ×
/// dimensions values; this converts between them in one place.
enum FeatureMatrixBridge {
    static func featureMatrix(_ frames: FrameMatrix) throws -> FeatureMatrix {
        try FeatureMatrix(frameCount: frames.frames, dimension: frames.dimensions, values: frames.values)
    }
}
