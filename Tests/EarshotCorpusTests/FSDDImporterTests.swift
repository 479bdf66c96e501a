import Foundation
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct FSDDImporterTests {
    @Test func parsesFileNames() {
        let parsed = FSDDImporter.FileName("7_jackson_32.wav")
        #expect(parsed?.digit == 7 && parsed?.speaker == "jackson" && parsed?.take == 32)
        for bad in ["10_george_1.wav", "x_george_1.wav", "1_george.wav", "1__2.wav", "1_george_-2.wav", "1_george_2.mp3", "1_geo rge_2.wav"] {
            #expect(FSDDImporter.FileName(bad) == nil, "\(bad)")
        }
    }

    @Test func importsACopiedFolderAndReportsBadNames() throws {
        let folder = try TestSupport.temporaryDirectory()
        let recordings = folder + "/recordings"
        try FileManager.default.createDirectory(atPath: recordings, withIntermediateDirectories: true)
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fsddFixtures).filter { $0.hasSuffix(".wav") }
        for name in fixtures {
            try FileManager.default.copyItem(atPath: TestSupport.fsddFixtures + "/" + name, toPath: recordings + "/" + name)
        }
        try FileManager.default.copyItem(atPath: TestSupport.fsddFixtures + "/0_george_0.wav", toPath: recordings + "/george-zero.wav")
        try Data("not audio".utf8).write(to: URL(fileURLWithPath: recordings + "/5_theo_9.wav"))

        let result = try FSDDImporter.importDirectory(recordings, manifestDirectory: folder + "/manifests")
        #expect(result.manifest.entries.count == fixtures.count)
        #expect(Set(result.failures.map { URL(fileURLWithPath: $0.item).lastPathComponent }) == ["george-zero.wav", "5_theo_9.wav"])
        #expect(result.manifest.speakers == ["george", "jackson", "lucas", "yweweler"])
        let seven = try #require(result.manifest.entries.first { $0.id == "yweweler-7-19" })
        #expect(seven.text == "seven")
        #expect(seven.speaker == "yweweler")
        #expect(seven.audio == "../recordings/7_yweweler_19.wav")
        #expect(seven.tags == ["source": "fsdd", "bandwidth": "8k", "fsdd_split": "train"])
        #expect(seven.duration > 0.1 && seven.duration < 2)
        #expect(result.manifest.entries.first { $0.id == "george-0-0" }?.tags["fsdd_split"] == "test")

        // Written to its folder, the manifest's relative audio paths resolve to the files.
        let manifestPath = folder + "/manifests/fsdd.jsonl"
        try result.manifest.write(to: manifestPath)
        for entry in try Manifest.read(path: manifestPath).entries {
            #expect(FileManager.default.fileExists(atPath: Manifest.audioPath(of: entry, manifestPath: manifestPath)))
        }

        let train = try FSDDImporter.importDirectory(recordings, manifestDirectory: folder, part: .train, speakers: ["lucas"])
        #expect(train.manifest.entries.map(\.id) == ["lucas-2-7", "lucas-6-41", "lucas-9-12"])
    }

    @Test func missingFolderIsAnError() {
        #expect(throws: CorpusError.fileNotFound(path: "/no/such/fsdd")) {
            try FSDDImporter.importDirectory("/no/such/fsdd", manifestDirectory: "/tmp")
        }
    }
}
