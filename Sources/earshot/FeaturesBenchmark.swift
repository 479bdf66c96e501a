import EarshotAudio
import EarshotFeatures
import Foundation

/// The hidden `--benchmark-repeats N` mode used by `make bench-features`: times feature
/// extraction only (files are loaded before the clock starts), best of N, one thread.
struct FeaturesBenchmark {
    let pipeline: FeaturePipeline
    let repeats: Int

    struct Result: Encodable {
        let input: String
        let audio_seconds: Double
        let best_seconds: Double
        let x_real_time: Double
        let frames: Int
        let dimension: Int
        let input_bytes: Int
        let output_bytes: Int
        let peak_rss_bytes: Int
    }

    func run(files: [String]) throws {
        for file in files {
            let waveform = try AudioFile.read(path: file).mono()
            let extractor = try pipeline.extractor(sampleRate: waveform.sampleRate)
            var best = Double.infinity
            var features = FeatureMatrix?.none
            for _ in 0..<repeats {
                let clock = ContinuousClock()
                let start = clock.now
                features = try extractor.compute(waveform.samples, source: file)
                let elapsed = clock.now - start
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            let matrix = features!
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let result = Result(input: file, audio_seconds: waveform.durationSeconds, best_seconds: best,
                                x_real_time: waveform.durationSeconds / best, frames: matrix.frameCount,
                                dimension: matrix.dimension, input_bytes: waveform.samples.count * 4,
                                output_bytes: matrix.values.count * 4, peak_rss_bytes: usage.ru_maxrss * 1024)
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
        }
    }
}
