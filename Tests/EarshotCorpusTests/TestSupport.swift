import EarshotAudio
import EarshotTestSupport
import Foundation
@testable import EarshotCorpus

/// Paths and scratch folders for the corpus tests (they read only Fixtures/).
enum TestSupport {
    static let fsddFixtures = TestFixtures.path("audio/fsdd")
    static let speechFixtures = TestFixtures.path("audio/speech")

    /// A fresh empty folder under the system's temporary directory.
    static func temporaryDirectory(_ name: String = #function) throws -> String {
        try ScratchDirectory.make(name).path
    }

    static func sine(frequency: Double, seconds: Double, sampleRate: Int, amplitude: Float = 0.5) -> Waveform {
        let count = Int(seconds * Double(sampleRate))
        let samples = (0..<count).map { amplitude * Float(sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))) }
        return Waveform(samples: samples, sampleRate: sampleRate)
    }

    static func rms(_ samples: some Collection<Float>) -> Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }

    static func speech(_ name: String = "weather.wav") throws -> Waveform {
        try AudioFile.read(path: speechFixtures + "/" + name).mono()
    }
}
