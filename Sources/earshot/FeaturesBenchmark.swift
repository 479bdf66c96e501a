import EarshotAudio
import EarshotCore
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
        /// CPU time of the best run's thread: less disturbed than wall time on a busy machine.
        let best_cpu_seconds: Double
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
            var best = Double.infinity, bestCPU = Double.infinity
            var features = FrameMatrix?.none
            for _ in 0..<repeats {
                let clock = ContinuousClock()
                let start = clock.now, startCPU = Self.threadCPUSeconds()
                features = try extractor.compute(waveform.samples, source: file)
                let elapsed = clock.now - start
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                bestCPU = min(bestCPU, Self.threadCPUSeconds() - startCPU)
            }
            let matrix = features!
            let result = Result(input: file, audio_seconds: waveform.durationSeconds, best_seconds: best,
                                best_cpu_seconds: bestCPU,
                                x_real_time: waveform.durationSeconds / best, frames: matrix.frames,
                                dimension: matrix.dimensions, input_bytes: waveform.samples.count * 4,
                                output_bytes: matrix.values.count * 4, peak_rss_bytes: Self.peakResidentBytes())
            print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
        }
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// This process's peak resident memory. VmHWM, unlike getrusage's ru_maxrss, starts afresh
    /// at exec, so a large parent (the Python bench script) does not count.
    static func peakResidentBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kib * 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
