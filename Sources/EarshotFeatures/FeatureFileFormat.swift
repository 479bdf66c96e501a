import EarshotCore
import Foundation

/// File formats for feature matrices.
public enum FeatureFileFormat: String, Sendable, CaseIterable, Codable {
    /// NumPy float32, frames × dims (`numpy.load`).
    case npy
    /// `{"frames": F, "dimension": D, "data": [[...], ...]}`.
    case json
    /// One frame per line, comma-separated, no header.
    case csv

    public var fileExtension: String { rawValue }

    public func encode(_ matrix: FrameMatrix) -> Data {
        switch self {
        case .npy:
            return NPYFormat.encode(matrix)
        case .json:
            let rows = matrix.rows.map { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" }
            return Data("{\"frames\":\(matrix.frames),\"dimension\":\(matrix.dimensions),\"data\":[\(rows.joined(separator: ","))]}\n".utf8)
        case .csv:
            return Data(matrix.rows.map { $0.map { "\($0)" }.joined(separator: ",") + "\n" }.joined().utf8)
        }
    }
}
