import EarshotRecognizer
import Foundation

/// `earshot transcribe --timings`: where one run's CPU time went. Stage figures are thread CPU
/// seconds summed over files, so they add up to the compute whatever ran in parallel; the
/// process's own CPU total (every thread, start-up included) and the wall time frame them.
struct TranscribeTimings: Encodable {
    var files: Int
    var audioSeconds: Double
    var loadModel: Double
    var stages: StageTimings
    var output: Double
    var wallSeconds: Double
    var processCPUSeconds: Double

    private var rows: [(String, Double)] {
        [("load model", loadModel), ("decode", stages.decode), ("resample", stages.resample), ("features", stages.features),
         ("network", stages.network), ("search", stages.search), ("output", output)]
    }

    func table() -> String {
        let counted = rows.map(\.1).reduce(0, +)
        var text = String(format: "timings: %d files, %.1f s of audio, %.3f s wall, %.3f s CPU (process)\n",
                          files, audioSeconds, wallSeconds, processCPUSeconds)
        for (name, seconds) in rows + [("other (start-up, threads)", max(0, processCPUSeconds - counted))] {
            let share = processCPUSeconds > 0 ? 100 * seconds / processCPUSeconds : 0
            text += "  " + name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: " %9.3f s CPU %6.1f %%\n", seconds, share)
        }
        return text
    }

    func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)).map { $0 + "\n" } ?? "{}\n"
    }
}
