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
    struct Report: Encodable, Sendable {
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

    /// What one input produced.
    struct Outcome: Sendable {
        let report: Report
        /// Statistics of the raw features, when --write-cmvn-stats asks for them.
        let stats: CMVNStats?
        let note: String?
    }

    /// Returns false when any input failed. Inputs run in parallel (one extractor serves all
    /// threads); results are reported, and statistics merged, in input order.
    func run(files: [String]) async throws -> Bool {
        if let outDir {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        }
        let targets = outputTargets(for: files)
        let progress = ProgressBar(total: files.count, label: "features")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var stats = CMVNStats(dimension: pipeline.config.dimension)
        var failures = 0
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: (Int, Result<Outcome, any Error>).self) { group in
            var launched = 0
            func launch() {
                let index = launched
                launched += 1
                group.addTask {
                    let result = Result { () throws -> Outcome in try process(files[index], to: targets[index].get()) }
                    progress.advance(failed: (try? result.get()) == nil)
                    return (index, result)
                }
            }
            while launched < min(width, files.count) { launch() }
            var finished: [Int: Result<Outcome, any Error>] = [:]
            var reported = 0
            for await (index, result) in group {
                finished[index] = result
                if launched < files.count { launch() }
                while let ready = finished.removeValue(forKey: reported) {
                    let file = files[reported]
                    reported += 1
                    do {
                        let outcome = try ready.get()
                        if let note = outcome.note { FileHandle.standardError.write(Data(note.utf8)) }
                        if let fileStats = outcome.stats { try stats.merge(fileStats, source: file) }
                        let report = outcome.report
                        if json { print(String(decoding: try encoder.encode(report), as: UTF8.self)) }
                        else { print("\(file) -> \(report.output) (\(report.frames) frames × \(report.dimension))") }
                    } catch {
                        failures += 1
                        FileHandle.standardError.write(Data("earshot features: \(Self.describe(error, file: file))\n".utf8))
                    }
                }
            }
        }
        progress.finish()
        if let statsPath {
            try stats.save(to: statsPath)
            FileHandle.standardError.write(Data("wrote CMVN statistics of \(Int(stats.count)) frames to \(statsPath)\n".utf8))
        }
        return failures == 0
    }

    /// Each input's output path, or why it cannot be written: it would overwrite an input, or
    /// an earlier input's output (same file name from two folders).
    private func outputTargets(for files: [String]) -> [Result<String, FeatureError>] {
        let inputs = Set(files.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var taken = Set<String>()
        return files.map { file in
            let output = outputPath(for: file)
            let canonical = URL(fileURLWithPath: output).standardizedFileURL.path
            if inputs.contains(canonical) {
                return .failure(.writeFailed(path: output, reason: "is an input; refusing to overwrite it"))
            }
            guard taken.insert(canonical).inserted else {
                return .failure(.writeFailed(path: output, reason: "another input already writes this file (same name)"))
            }
            return .success(output)
        }
    }

    private func process(_ file: String, to output: String) throws -> Outcome {
        let waveform = try AudioFile.read(path: file).mono()
        let raw = try pipeline.extract(waveform.samples, sampleRate: waveform.sampleRate, source: file)
        let note = raw.frames > 0 ? nil : String(
            format: "note: %@: %.3f s is shorter than one %g ms frame; writing 0 frames\n",
            file, waveform.durationSeconds, pipeline.config.frameLengthMs)
        let features = try pipeline.postprocess(raw, source: file)
        do {
            try format.encode(features).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw FeatureError.writeFailed(path: output, reason: error.localizedDescription)
        }
        let report = Report(input: file, output: output, frames: features.frames, dimension: features.dimensions,
                            sampleRate: waveform.sampleRate, seconds: waveform.durationSeconds)
        return Outcome(report: report, stats: statsPath == nil ? nil : CMVNStats(raw), note: note)
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
