import EarshotTestSupport
import Foundation
@testable import EarshotAudio

/// Signals and scratch folders for the audio tests.
enum TestSignals {
    /// A sine per channel; channel c has frequency `frequency × (c + 1)` so channel order shows.
    static func sine(frequency: Double = 1000, amplitude: Double = 0.5, seconds: Double, rate: Int,
                     channels: Int = 1, distinctChannels: Bool = false) -> Waveform {
        let frames = Int(seconds * Double(rate))
        var samples = [Float](repeating: 0, count: frames * channels)
        for frame in 0..<frames {
            for channel in 0..<channels {
                let f = distinctChannels ? frequency * Double(channel + 1) : frequency
                samples[frame * channels + channel] = Float(amplitude * sin(2 * .pi * f * Double(frame) / Double(rate)))
            }
        }
        return Waveform(samples: samples, sampleRate: rate, channelCount: channels)
    }

    /// Deterministic uniform noise in [-amplitude, amplitude] (a 64-bit LCG).
    static func noise(amplitude: Double, count: Int, seed: UInt64 = 42) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double(state >> 11) / Double(1 << 53)
            return Float((unit * 2 - 1) * amplitude)
        }
    }

    /// The `Fixtures/` folder of the package.
    static let fixtures = TestFixtures.root

    static func fixture(_ relative: String) -> String { TestFixtures.path(relative) }
}

/// A fresh temporary folder, removed when the value is released.
final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-audio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Levels of a mono signal, for checking amplitude and frequency.
enum Analysis {
    static func rms(_ samples: ArraySlice<Float>) -> Double {
        sqrt(samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count))
    }

    static func decibels(_ ratio: Double) -> Double { 20 * log10(ratio) }

    /// Frequency from the interpolated times of upward zero crossings.
    static func frequency(_ samples: ArraySlice<Float>, rate: Int) -> Double {
        var crossings: [Double] = []
        var index = samples.startIndex
        while index + 1 < samples.endIndex {
            let a = Double(samples[index]), b = Double(samples[index + 1])
            if a < 0, b >= 0 { crossings.append(Double(index) + a / (a - b)) }
            index += 1
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) * Double(rate) / (last - first)
    }
}
