import Foundation
import Testing
import EarshotAcousticModel
import EarshotCore

/// `make bench-model`: inference and training-step speed of the standard model, beside a numpy
/// forward pass of the same weights (Tests/Bench/model_forward_numpy.py) as the anchor.
/// Runs only when EARSHOT_BENCH is set; prints a table, asserts nothing about time.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EARSHOT_BENCH"] != nil))
struct ModelBenchmark {
    /// Mean seconds per call over at least `minimum` seconds (and 3 calls), after one warm-up call.
    func time(minimum: Double = 1, _ body: () throws -> Void) rethrows -> Double {
        try body()
        let clock = ContinuousClock()
        var runs = 0
        let start = clock.now
        while runs < 3 || (clock.now - start) < .seconds(minimum) {
            try body()
            runs += 1
        }
        let elapsed = clock.now - start
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) / Double(runs)
    }

    @Test func standardModel() throws {
        let model = try AcousticModel(config: .standard(inputDimensions: 40), seed: 1)
        var rng = SeededGenerator(seed: 2)
        let audioSeconds = 10.0, frameShift = 0.01
        let frames = Int(audioSeconds / frameShift)
        let input = try FrameMatrix(frames: frames, dimensions: 40, values: (0..<frames * 40).map { _ in Float(rng.nextGaussian()) })
        let inference = try time { _ = try model.logProbabilities(for: input) }

        let batchSize = 16, utteranceFrames = 300
        let examples = try (0..<batchSize).map { _ in
            TrainingExample(features: try FrameMatrix(frames: utteranceFrames, dimensions: 40,
                                                      values: (0..<utteranceFrames * 40).map { _ in Float(rng.nextGaussian()) }),
                            labels: (0..<30).map { _ in 1 + rng.nextIndex(below: 28) })
        }
        var trainer = try CTCTrainer(model: model, settings: TrainingSettings())
        let batch = try PaddedBatch(examples)
        let step = try time(minimum: 3) { try trainer.trainStep(on: batch) }

        // The anchor: the same network in numpy, on the same input, checked against our output.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = ["model.bin", "input.f32", "output.f32"].map { directory.appendingPathComponent($0).path }
        try model.serialized().write(to: URL(fileURLWithPath: paths[0]))
        try floats(input.values).write(to: URL(fileURLWithPath: paths[1]))
        try floats(model.logProbabilities(for: input).values).write(to: URL(fileURLWithPath: paths[2]))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Bench/model_forward_numpy.py").standardized.path
        let anchor = try runPython([script, paths[0], paths[1], "\(frames)", "40", paths[2]])

        let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "default"
        print("""

        Acoustic model benchmark: standard config, \(model.parameterCount) parameters, 40-dim input, OPENBLAS_NUM_THREADS=\(threads)
        | measure | Earshot (Swift + OpenBLAS) | numpy anchor (same BLAS) | numpy / Earshot |
        |---|---|---|---|
        | forward, 10 s utterance | \(ms(inference)) (RTF \(String(format: "%.5f", inference / audioSeconds))) | \(ms(anchor.seconds)) | \(String(format: "%.2f×", anchor.seconds / inference)) |
        | train step, 16 × 3 s, 30 labels | \(ms(step)) (\(String(format: "%.0f", Double(batchSize * utteranceFrames) * frameShift / step)) audio s/s) | — | — |
        numpy and Swift log-probabilities differ by at most \(String(format: "%.2e", anchor.maxAbsDiff))

        """)
        #expect(anchor.maxAbsDiff < 1e-3)
    }

    func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    func floats(_ values: [Float]) -> Data {
        values.withUnsafeBufferPointer { Data(buffer: $0) }  // little-endian hosts (x86-64, arm64)
    }

    func runPython(_ arguments: [String]) throws -> (seconds: Double, maxAbsDiff: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let messages = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard process.terminationStatus == 0, let seconds = object?["seconds"] as? Double,
              let diff = object?["max_abs_diff"] as? Double else {
            throw AcousticModelError.invalidInput(reason: "numpy anchor failed: \(String(decoding: data + messages, as: UTF8.self))")
        }
        return (seconds, diff)
    }
}
