import Foundation
import Testing
@testable import EarshotAudio

/// Every broken input gets a typed error naming it, from a file and from memory alike.
@Suite(.timeLimit(.minutes(5))) struct BadInputTests {
    enum Origin: String, CaseIterable, Sendable { case file, memory }

    /// Decodes `bytes` the way `origin` says; the error must name the input.
    private func decodeError(_ bytes: Data, origin: Origin, limits: AudioLimits = .default) throws -> AudioError? {
        let scratch = try ScratchFolder()
        let path = scratch.path("input.wav")
        do {
            switch origin {
            case .file:
                try bytes.write(to: URL(fileURLWithPath: path))
                _ = try AudioFile.read(path: path, limits: limits)
            case .memory:
                _ = try AudioFile.read(data: bytes, name: "upload-17", limits: limits)
            }
            return nil
        } catch let error as AudioError {
            #expect(error.description.contains(origin == .file ? path : "upload-17"), "\(error)")
            return error
        }
    }

    /// A valid 16-bit mono WAV of one second of sine.
    private func validWAV(rate: Int = 16000, seconds: Double = 1, format: AudioFileFormat = .wav16) throws -> Data {
        let scratch = try ScratchFolder()
        let path = scratch.path("valid.\(format.container.rawValue)")
        try AudioFile.write(TestSignals.sine(seconds: seconds, rate: rate), to: path, format: format)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    private func patchUInt32LE(_ data: inout Data, at offset: Int, _ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { data.replaceSubrange(offset..<(offset + 4), with: $0) }
    }

    private func offset(of marker: String, in data: Data) -> Int? {
        data.firstRange(of: Data(marker.utf8)).map { $0.lowerBound - data.startIndex }
    }

    @Test(arguments: Origin.allCases) func emptyInput(origin: Origin) throws {
        let error = try decodeError(Data(), origin: origin)
        guard case .empty = error else { Issue.record("expected .empty, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func zeroLengthAudio(origin: Origin) throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("zero.wav")
        try AudioFile.write(Waveform(samples: [], sampleRate: 16000), to: path, format: .wav16)
        let error = try decodeError(Data(contentsOf: URL(fileURLWithPath: path)), origin: origin)
        guard case .empty = error else { Issue.record("expected .empty, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func truncatedWAV(origin: Origin) throws {
        let whole = try validWAV()
        let error = try decodeError(whole.prefix(whole.count / 2), origin: origin)
        guard case .corrupt(_, let reason) = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
        #expect(reason.contains("truncated"))
    }

    @Test(arguments: Origin.allCases) func truncatedFLAC(origin: Origin) throws {
        let whole = try validWAV(format: .init(.flac, .pcm16))
        let error = try decodeError(whole.prefix(whole.count / 3), origin: origin)
        guard case .corrupt = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func truncatedOggVorbis(origin: Origin) throws {
        let whole = try validWAV(seconds: 3, format: .init(.ogg, .vorbis))
        let error = try decodeError(whole.prefix(whole.count * 2 / 3), origin: origin)
        guard case .corrupt(_, let reason) = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
        #expect(reason.contains("truncated"))
    }

    @Test(arguments: Origin.allCases) func headerOnly(origin: Origin) throws {
        let error = try decodeError(try validWAV().prefix(30), origin: origin)
        guard case .corrupt = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func garbageBytes(origin: Origin) throws {
        let garbage = Data(TestSignals.noise(amplitude: 1, count: 4096).map { UInt8(truncatingIfNeeded: Int(($0 + 1) * 127)) })
        let error = try decodeError(garbage, origin: origin)
        guard case .unsupportedFormat = error else { Issue.record("expected .unsupportedFormat, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func unsupportedBytes(origin: Origin) throws {
        // A PNG signature and header: a real file, just not audio.
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [UInt8](repeating: 1, count: 200))
        let error = try decodeError(png, origin: origin)
        guard case .unsupportedFormat = error else { Issue.record("expected .unsupportedFormat, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func headerDeclaringBillionsOfFrames(origin: Origin) throws {
        var data = try validWAV()
        let data_ = try #require(offset(of: "data", in: data))
        patchUInt32LE(&data, at: data_ + 4, 0xFFFF_FF00)  // 2.1 billion 16-bit frames
        patchUInt32LE(&data, at: 4, 0xFFFF_FFF0)
        let error = try decodeError(data, origin: origin)
        guard case .tooLarge = error else { Issue.record("expected .tooLarge, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func absurdChannelCount(origin: Origin) throws {
        var data = try validWAV()
        let fmt = try #require(offset(of: "fmt ", in: data))
        data.replaceSubrange((fmt + 10)..<(fmt + 12), with: [0x60, 0xEA])  // 60000 channels
        let error = try decodeError(data, origin: origin)
        guard case .corrupt = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
    }

    @Test(arguments: Origin.allCases) func absurdSampleRate(origin: Origin) throws {
        var data = try validWAV()
        let fmt = try #require(offset(of: "fmt ", in: data))
        patchUInt32LE(&data, at: fmt + 12, 2_000_000_000)
        let error = try decodeError(data, origin: origin)
        guard case .corrupt(_, let reason) = error else { Issue.record("expected .corrupt, got \(String(describing: error))"); return }
        #expect(reason.contains("sample rate"))
    }

    @Test(arguments: Origin.allCases) func longerThanTheLimits(origin: Origin) throws {
        let limits = AudioLimits(maxDurationSeconds: 0.5)
        let error = try decodeError(try validWAV(), origin: origin, limits: limits)
        guard case .tooLarge = error else { Issue.record("expected .tooLarge, got \(String(describing: error))"); return }
        let samples = AudioLimits(maxSamples: 1000)
        let error2 = try decodeError(try validWAV(), origin: origin, limits: samples)
        guard case .tooLarge = error2 else { Issue.record("expected .tooLarge, got \(String(describing: error2))"); return }
    }

    @Test func streamingLengthMarkerIsAccepted() throws {
        // Writers that stream put 0xFFFFFFFF in the size fields; the audio present is read.
        var data = try validWAV()
        let data_ = try #require(offset(of: "data", in: data))
        patchUInt32LE(&data, at: data_ + 4, 0xFFFF_FFFF)
        #expect(try AudioFile.read(data: data, name: "stream").frameCount == 16000)
    }

    @Test func missingFile() {
        #expect(throws: AudioError.fileNotFound(path: "/nonexistent/earshot.wav")) {
            try AudioFile.read(path: "/nonexistent/earshot.wav")
        }
    }

    @Test func directoryPath() throws {
        let scratch = try ScratchFolder()
        #expect(throws: AudioError.unreadable(source: scratch.url.path, reason: "is a directory")) {
            try AudioFile.read(path: scratch.url.path)
        }
    }

    @Test func unreadableFile() throws {
        guard getuid() != 0 else { return }  // root reads anything; nothing to check
        let scratch = try ScratchFolder()
        let path = scratch.path("locked.wav")
        try validWAV().write(to: URL(fileURLWithPath: path))
        chmod(path, 0)
        #expect(throws: AudioError.self) { try AudioFile.read(path: path) }
    }

    @Test func messagesNameTheFileAndReason() {
        #expect(AudioError.corrupt(source: "a.wav", reason: "truncated").description == "a.wav: corrupt or truncated audio: truncated")
        #expect(AudioError.empty(source: "b.flac").description.contains("b.flac"))
    }
}
