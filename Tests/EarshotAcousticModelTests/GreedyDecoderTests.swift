import Foundation
import Testing
@testable import EarshotAcousticModel

@Suite(.timeLimit(.minutes(5))) struct GreedyDecoderTests {
    let units = try! UnitInventory(symbols: ["_", "a", "b"], blank: 0)

    /// Log-probabilities putting `confidence` on the given unit per frame, the rest spread evenly.
    func posteriors(_ path: [Int], confidence: Double = 0.8) -> FrameMatrix {
        let values = path.flatMap { best in
            (0..<3).map { Float(log($0 == best ? confidence : (1 - confidence) / 2)) }
        }
        return try! FrameMatrix(frames: path.count, dimensions: 3, values: values)
    }

    @Test func collapsesRepeatsAndDropsBlanks() throws {
        let result = try GreedyCTCDecoder.decode(logProbabilities: posteriors([0, 1, 1, 0, 1, 2, 2, 0]), units: units)
        #expect(result.labels == [1, 1, 2])
        #expect(result.text == "aab")
        #expect(result.units.map(\.startFrame) == [1, 4, 5])
        #expect(result.units.map(\.endFrame) == [3, 5, 7])
        #expect(result.units.allSatisfy { abs($0.confidence - 0.8) < 1e-5 })
        #expect(abs(result.confidence - 0.8) < 1e-5)
        #expect(result.frames == 8)
    }

    @Test func edgeCases() throws {
        #expect(try GreedyCTCDecoder.decode(logProbabilities: posteriors([0, 0, 0]), units: units).units.isEmpty)
        let atEdges = try GreedyCTCDecoder.decode(logProbabilities: posteriors([2, 0, 1]), units: units)
        #expect(atEdges.text == "ba" && atEdges.units.last?.endFrame == 3 && atEdges.units.first?.startFrame == 0)
        let empty = try FrameMatrix(frames: 0, dimensions: 3, values: [])
        #expect(try GreedyCTCDecoder.decode(logProbabilities: empty, units: units).confidence == 0)
        #expect(throws: AcousticModelError.inputDimensionMismatch(expected: 3, actual: 2)) {
            try GreedyCTCDecoder.decode(logProbabilities: FrameMatrix(frames: 1, dimensions: 2, values: [0, 0]), units: units)
        }
    }

    @Test func confidenceFallsWithUncertainty() throws {
        let sure = try GreedyCTCDecoder.decode(logProbabilities: posteriors([1, 0, 2], confidence: 0.95), units: units)
        let unsure = try GreedyCTCDecoder.decode(logProbabilities: posteriors([1, 0, 2], confidence: 0.4), units: units)
        #expect(sure.text == unsure.text)
        #expect(sure.confidence > unsure.confidence)
        #expect(abs(unsure.confidence - 0.4) < 1e-5)
    }
}
