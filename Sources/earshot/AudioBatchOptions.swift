import ArgumentParser
import EarshotAudio
import Foundation

/// The inputs and outputs of a command that writes one audio file per input:
/// `IN OUT`, or `--out-dir DIR IN...`.
struct AudioBatchOptions: ParsableArguments {
    @Argument(help: "IN OUT, or with --out-dir, one or more inputs.")
    var paths: [String] = []

    @Option(name: .customLong("out-dir"), help: "Write each output into DIR under the input's name, as .wav.")
    var outDir: String?

    @Option(help: "Output encoding: wav16 (16-bit PCM) or wavf32 (32-bit float).")
    var format: AudioOutputFormat = .wav16

    func validate() throws {
        if outDir == nil {
            guard paths.count == 2 else {
                throw ValidationError("give IN and OUT, or --out-dir DIR with one or more inputs (got \(paths.count) paths)")
            }
        } else {
            guard !paths.isEmpty else { throw ValidationError("give at least one input with --out-dir") }
            let names = paths.map(Self.outputName(for:))
            if let clash = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw ValidationError("two inputs would both be written to \(clash) in --out-dir")
            }
        }
    }

    /// Each input with the path its output goes to.
    func jobs() -> [AudioJob] {
        guard let outDir else { return [AudioJob(input: paths[0], output: paths[1])] }
        let folder = outDir.hasSuffix("/") ? outDir : outDir + "/"
        return paths.map { AudioJob(input: $0, output: folder + Self.outputName(for: $0)) }
    }

    static func outputName(for input: String) -> String {
        URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent + ".wav"
    }
}

enum AudioOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case wav16, wavf32

    var fileFormat: AudioFileFormat { self == .wav16 ? .wav16 : .wavFloat32 }
}

extension ResamplerQuality: ExpressibleByArgument {}
extension NormalizationMode: ExpressibleByArgument {}
