import EarshotAcousticModel
import EarshotDecoder
import EarshotRecognizer
import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct ModelBundleFileTests {
    @Test func roundTripKeepsEveryPart() throws {
        let bundle = try BundleFixtures.bundle()
        let path = BundleFixtures.temporaryPath("tiny.earshot")
        try bundle.write(to: path)
        let loaded = try ModelBundle(path: path)
        #expect(loaded.model == bundle.model)
        #expect(loaded.features == bundle.features)
        #expect(loaded.metadata == bundle.metadata)
        #expect(loaded.lexicon == bundle.lexicon)
        #expect(loaded.languageModel?.arpa() == bundle.languageModel?.arpa())
        #expect(loaded.decoder == bundle.decoder)
        #expect(try loaded.encoded() == bundle.encoded())
        #expect(loaded.confidenceCalibration == nil, "a bundle without calibration stays raw")
        var calibrated = bundle
        calibrated.confidenceCalibration = ConfidenceCalibration(slope: 1.4, intercept: 0.6)
        try calibrated.write(to: path)
        #expect(try ModelBundle(path: path).confidenceCalibration == calibrated.confidenceCalibration)
    }

    @Test func wrongMagicIsNotABundle() throws {
        var bytes = [UInt8](try BundleFixtures.bundle().encoded())
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: RecognizerError.notABundle(source: "m")) { try ModelBundle(data: Data(bytes), source: "m") }
        #expect(throws: RecognizerError.notABundle(source: "m")) { try ModelBundle(data: Data("RIFF....WAVE".utf8), source: "m") }
        #expect(throws: RecognizerError.notABundle(source: "m")) { try ModelBundle(data: Data(), source: "m") }
    }

    @Test func otherVersionIsRefusedByNumber() throws {
        var bytes = [UInt8](try BundleFixtures.bundle().encoded())
        bytes[8] = 9
        let error = #expect(throws: RecognizerError.self) { try ModelBundle(data: Data(bytes), source: "m") }
        #expect(error == .unsupportedVersion(source: "m", version: 9, supported: ModelBundle.fileFormatVersion))
        #expect(error?.description.contains("version 9") == true)
    }

    @Test func everyTruncationIsAClearError() throws {
        let bytes = [UInt8](try BundleFixtures.bundle().encoded())
        for length in [4, 10, 20, 200, bytes.count / 2, bytes.count - 5, bytes.count - 1] {
            let error = #expect(throws: RecognizerError.self) { try ModelBundle(data: Data(bytes[..<length]), source: "m") }
            guard case .truncated = error else {
                Issue.record("length \(length): \(String(describing: error))")
                continue
            }
        }
    }

    @Test func flippedByteFailsTheChecksum() throws {
        var bytes = [UInt8](try BundleFixtures.bundle().encoded())
        bytes[bytes.count - 100] ^= 0x40
        let error = #expect(throws: RecognizerError.self) { try ModelBundle(data: Data(bytes), source: "m") }
        guard case .checksumMismatch = error else { Issue.record("\(String(describing: error))"); return }
        #expect(error?.description.contains("corrupt") == true)
    }

    @Test func trailingBytesAreCorrupt() throws {
        let bytes = [UInt8](try BundleFixtures.bundle().encoded()) + [0]
        let error = #expect(throws: RecognizerError.self) { try ModelBundle(data: Data(bytes), source: "m") }
        guard case .corrupt = error else { Issue.record("\(String(describing: error))"); return }
    }

    @Test func missingFileNamesThePath() {
        let error = #expect(throws: RecognizerError.self) { try ModelBundle(path: "/nonexistent/m.earshot") }
        #expect(error?.description.contains("/nonexistent/m.earshot") == true)
    }

    @Test func inconsistentPartsAreRefused() throws {
        var bundle = try BundleFixtures.bundle()
        bundle.features.config.numMelBins = 30
        #expect(throws: RecognizerError.self) { try bundle.validate() }
        var unspellable = try BundleFixtures.bundle()
        unspellable.lexicon?.add(word: "über", pronunciation: ["ü", "b", "e", "r"])
        #expect(throws: RecognizerError.self) { try unspellable.validate() }
    }

    @Test func referenceStatisticsAreSortedAndThinned() {
        let values = (0..<10_000).map { Double(($0 * 7919) % 10_000) } + [.nan]
        let kept = ReferenceStatistics.orderStatistics(values)
        #expect(kept.count == ReferenceStatistics.maximumValues)
        #expect(kept == kept.sorted())
        #expect(kept.first == 0 && kept.last == 9_999)
        #expect(ReferenceStatistics.orderStatistics([3, 1, 2]) == [1, 2, 3])
    }
}
