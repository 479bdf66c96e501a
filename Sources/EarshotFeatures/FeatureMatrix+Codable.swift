/// Coded as `{"frames": F, "dimension": D, "data": [[...], ...]}`, the shape
/// `earshot features --format json` writes; decoding checks that every row has D values.
extension FeatureMatrix: Codable {
    enum CodingKeys: String, CodingKey {
        case frames, dimension, data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let frames = try container.decode(Int.self, forKey: .frames)
        let dimension = try container.decode(Int.self, forKey: .dimension)
        let rows = try container.decode([[Float]].self, forKey: .data)
        guard rows.count == frames, rows.allSatisfy({ $0.count == dimension }) else {
            throw DecodingError.dataCorruptedError(forKey: .data, in: container,
                                                   debugDescription: "expected \(frames) rows of \(dimension) values")
        }
        try self.init(frameCount: frames, dimension: dimension, values: rows.flatMap { $0 })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(frameCount, forKey: .frames)
        try container.encode(dimension, forKey: .dimension)
        try container.encode(rows, forKey: .data)
    }
}
