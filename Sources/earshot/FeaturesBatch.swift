import EarshotAudio
import EarshotFeatures
import Foundation

/// Runs `earshot features` over its inputs: load, extract, normalize, write; keeps going past
/// failing inputs and reports each on standard error.
struct FeaturesBatch {
    let pipeline: FeaturePipeline
    let format: FeatureFileFormat
    let outDir: String?
    let json: Bool
    let statsPath: String?

    /// One line of `--json` output.
    struct Report: Encodable {
        let input: String
        let output: String
        let frames: Int
        let dimension: Int
        let sampleRate: Int
        let seconds: Double

        enum CodingKeys: String, CodingKey {
            case input, output, frames, dimension, seconds
            case sampleRate = "sample_rate"
        }
    }

    /// Returns false when any input failed.
    func run(files: [String]) async throws -> Bool {
        if let outDir {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        }
        let progress = ProgressBar(total: files.count, label: "features")
        var stats = CMVNStats(dimension: pipeline.config.dimension)
        var written = Set<String>()
        var failures = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let inputs = Set(files.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        for file in files {
            do {
                let output = outputPath(for: file)
                let canonical = URL(fileURLWithPath: output).standardizedFileURL.path
                guard !inputs.contains(canonical) else { throw FeatureError.writeFailed(path: output, reason: "is an input; refusing to overwrite it") }
                guard written.insert(canonical).inserted else {
                    throw FeatureError.writeFailed(path: output, reason: "another input already wrote this file (same name)")
                }
                let report = try process(file, to: output, stats: &stats)
                if json { print(String(decoding: try encoder.encode(report), as: UTF8.self)) }
                else { print("\(file) -> \(output) (\(report.frames) frames × \(report.dimension))") }
                progress.advance()
            } catch {
                failures += 1
                progress.advance(failed: true)
                FileHandle.standardError.write(Data("earshot features: \(Self.describe(error, file: file))\n".utf8))
            }
        }
        progress.finish()
        if let statsPath {
            try stats.save(to: statsPath)
            FileHandle.standardError.write(Data("wrote CMVN statistics of \(Int(stats.count)) frames to \(statsPath)\n".utf8))
        }
        return failures == 0
    }

    private func process(_ file: String, to output: String, stats: inout CMVNStats) throws -> Report {
        let waveform = try AudioFile.read(path: file).mono()
        let raw = try pipeline.extract(waveform.samples, sampleRate: waveform.sampleRate, source: file)
        if raw.frameCount == 0 {
            let frameMs = pipeline.config.frameLengthMs
            FileHandle.standardError.write(Data(String(
                format: "note: %@: %.3f s is shorter than one %g ms frame; writing 0 frames\n",
                file, waveform.durationSeconds, frameMs).utf8))
        }
        if statsPath != nil { try stats.accumulate(raw, source: file) }
        let features = try pipeline.postprocess(raw, source: file)
        do {
            try format.encode(features).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw FeatureError.writeFailed(path: output, reason: error.localizedDescription)
        }
        return Report(input: file, output: output, frames: features.frameCount, dimension: features.dimension,
                      sampleRate: waveform.sampleRate, seconds: waveform.durationSeconds)
    }

    /// `<dir>/<stem>.<type>.<format>`.
    func outputPath(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let folder = outDir.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        let name = "\(url.deletingPathExtension().lastPathComponent).\(pipeline.config.kind.rawValue).\(format.fileExtension)"
        return folder.appendingPathComponent(name).path
    }

    /// Library errors already name the file; others get it prefixed.
    static func describe(_ error: any Error, file: String) -> String {
        switch error {
        case let error as AudioError: "\(error)"
        case let error as FeatureError:
            "\(error)".hasPrefix(file) ? "\(error)" : "\(file): \(error)"
        default: "\(file): \(error)"
        }
    }
}
