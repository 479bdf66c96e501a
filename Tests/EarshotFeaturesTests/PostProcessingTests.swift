import EarshotCore
import Foundation
import Testing
@testable import EarshotFeatures

/// Deltas and CMVN: closed forms, invariants, and kaldi-native-fbank's outputs.
@Suite(.timeLimit(.minutes(5))) struct PostProcessingTests {
    @Test func deltasOfARampAreItsSlope() throws {
        // x_t = 3t + 1 in column 0, constant 5 in column 1.
        let frames = 12
        let values: [Float] = (0..<frames).flatMap { t -> [Float] in [Float(3 * t + 1), 5] }
        let ramp = try FrameMatrix(frames: frames, dimensions: 2, values: values)
        let out = try ramp.addingDeltas()
        #expect(out.dimensions == 6 && out.frames == frames)
        // Away from the edges (±4 frames for the second order) the slope is 3, its slope 0.
        for t in 4..<(frames - 4) {
            #expect(out[t, 0] == Float(3 * t + 1))
            #expect(abs(out[t, 2] - 3) < 1e-5)
            #expect(abs(out[t, 4]) < 1e-5)
            #expect(abs(out[t, 3]) < 1e-6 && abs(out[t, 5]) < 1e-6)
        }
        // At the edges repeated frames flatten the slope: frame 0 sees 1,1,1,4,7.
        let expectedEdgeSlope: Float = (1 * 3 + 2 * 6) / 10
        #expect(abs(out[0, 2] - expectedEdgeSlope) < 1e-5)
    }

    @Test func deltaWindowsAreKaldis() throws {
        let scales = try DeltaOptions(order: 2, window: 2).scales()
        let first: [Float] = [-0.2, -0.1, 0, 0.1, 0.2]
        #expect(scales[0] == [Float(1)])
        #expect(scales[1] == first)
        #expect(scales[2].count == 9)
        #expect(abs(scales[2][4] - (-0.1)) < 1e-7)  // −(4 + 1 + 1 + 4) / 100
        #expect(throws: FeatureError.self) { try DeltaOptions(order: -1).scales() }
    }

    @Test func perUtteranceCMVNGivesZeroMeanAndUnitVariance() throws {
        let frames = 50
        let values: [Float] = (0..<frames).flatMap { t -> [Float] in
            let x = Float(t)
            return [x * 0.5 + 10, sin(x) * 3 - 2, 7]
        }
        let features = try FrameMatrix(frames: frames, dimensions: 3, values: values)
        let normalized = features.normalizedPerUtterance(normalizeVariance: true)
        for d in 0..<2 {
            let column = (0..<frames).map { Double(normalized[$0, d]) }
            let mean = column.reduce(0, +) / Double(frames)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(frames)
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-4)
        }
        // A constant column becomes 0 (the variance floor keeps it finite).
        #expect((0..<frames).allSatisfy { normalized[$0, 2] == 0 })
        let meansOnly = features.normalizedPerUtterance()
        let meanOfColumn0: Float = 10 + 0.5 * 49 / 2
        #expect(abs(meansOnly[0, 0] - (10 - meanOfColumn0)) < 1e-4)
        #expect(FrameMatrix(zeros: 0, dimensions: 3).normalizedPerUtterance().frames == 0)
    }

    @Test func globalStatsAccumulateSaveAndLoad() throws {
        let a = try FrameMatrix(frames: 2, dimensions: 2, values: [1, 2, 3, 4])
        let b = try FrameMatrix(frames: 1, dimensions: 2, values: [5, 6])
        var stats = CMVNStats(dimension: 2)
        try stats.accumulate(a)
        try stats.accumulate(b)
        #expect(stats.count == 3)
        #expect(stats.sum == [9.0, 12.0])
        #expect(stats.sumOfSquares == [35.0, 56.0])
        #expect(throws: FeatureError.self) { try stats.accumulate(FrameMatrix(zeros: 1, dimensions: 3)) }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-cmvn-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["stats.json", "stats.txt"] {
            let path = folder.appendingPathComponent(name).path
            try stats.save(to: path)
            #expect(try CMVNStats.load(path: path) == stats, "\(name)")
        }
        let applied = try stats.apply(to: b, normalizeVariance: false)
        #expect(applied.values == [Float(2), 2])
        #expect(throws: FeatureError.self) { try CMVNStats(dimension: 2).apply(to: b, normalizeVariance: false) }
    }

    struct Manifest: Decodable {
        struct Post: Decodable {
            let input: String
            let deltas: String
            let cmvn_means: String
            let cmvn_vars: String
        }
        let post: [Post]
    }

    @Test func matchesKaldiNativeFbankDeltasAndCMVN() throws {
        let data = try #require(FileManager.default.contents(atPath: FixturePaths.path("features/manifest.json")))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        #expect(!manifest.post.isEmpty)
        func load(_ name: String) throws -> FrameMatrix { try NPYFormat.read(path: FixturePaths.path("features/" + name)) }
        for entry in manifest.post {
            let input = try load(entry.input)
            try expectClose(input.addingDeltas(), try load(entry.deltas), entry.deltas)
            try expectClose(input.normalizedPerUtterance(), try load(entry.cmvn_means), entry.cmvn_means)
            try expectClose(input.normalizedPerUtterance(normalizeVariance: true), try load(entry.cmvn_vars), entry.cmvn_vars)
        }
    }

    private func expectClose(_ ours: FrameMatrix, _ reference: FrameMatrix, _ name: String) throws {
        try #require(ours.frames == reference.frames && ours.dimensions == reference.dimensions, "\(name) shape")
        let worst = zip(ours.values, reference.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-4, "\(name): max |diff| \(worst)")
    }
}
