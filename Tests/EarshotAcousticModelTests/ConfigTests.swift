import EarshotCore
import Foundation
import Testing
@testable import EarshotAcousticModel

@Suite(.timeLimit(.minutes(5))) struct ConfigTests {
    @Test func standardModelIsInTheTargetSizeRange() throws {
        for dimensions in [13, 39, 40, 80] {
            let count = try AcousticModel.resolve(.standard(inputDimensions: dimensions)).count
            #expect(count >= 200_000 && count <= 2_000_000)
        }
    }

    @Test func configRoundTripsThroughJSON() throws {
        let config = ModelConfig.standard(inputDimensions: 39, units: try UnitInventory(symbols: ["<b>", "AH", "B"], blank: 0, textJoiner: " "))
        let json = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(ModelConfig.self, from: json) == config)
        let text = #"{"inputDimensions": 13, "units": {"symbols": ["-", "a"], "blank": 0, "separator": ""},"#
            + #" "layers": [{"convolution": {"channels": 8, "kernel": 5, "dilation": 1, "stride": 3}}, {"relu": {}}]}"#
        let decoded = try JSONDecoder().decode(ModelConfig.self, from: Data(text.utf8))
        #expect(try AcousticModel(config: decoded, seed: 1).frameSubsampling == 3)
    }

    @Test func invalidConfigurationsNameTheField() {
        let units = UnitInventory.characters
        #expect(throws: AcousticModelError.invalidConfiguration(field: "layers[0].stride", reason: "0 is not in 1...16")) {
            try AcousticModel(config: ModelConfig(inputDimensions: 4, layers: [.convolution(channels: 4, kernel: 3, dilation: 1, stride: 0)], units: units), seed: 1)
        }
        #expect(throws: AcousticModelError.invalidConfiguration(field: "layers[1].rate", reason: "1.0 is not in [0, 1)")) {
            try AcousticModel(config: ModelConfig(inputDimensions: 4, layers: [.relu, .dropout(rate: 1)], units: units), seed: 1)
        }
        #expect(throws: AcousticModelError.self) {
            try AcousticModel(config: ModelConfig(inputDimensions: 0, layers: [], units: units), seed: 1)
        }
        #expect(throws: AcousticModelError.self) {  // 65536² weights: refused before allocating
            try AcousticModel(config: ModelConfig(inputDimensions: 65_536, layers: [.convolution(channels: 65_536, kernel: 64, dilation: 1, stride: 1)], units: units), seed: 1)
        }
    }

    @Test func seededGeneratorIsStableAndWellSpread() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        // SplitMix64's published first output for seed 0 (Vigna's reference implementation).
        var mixer = SplitMix64(seed: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        var rng = SeededGenerator(seed: 7)
        let samples = (0..<20_000).map { _ in rng.nextGaussian() }
        let mean = samples.reduce(0, +) / 20_000
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 20_000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    }
}
