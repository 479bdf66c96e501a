import EarshotCore
import Foundation
import Testing

@Suite struct ManifestPathTests {
    @Test func relativeAudioIsTakenFromTheManifestsFolder() {
        #expect(ManifestPath.resolve("wav/a.wav", manifestPath: "/data/set/manifest.jsonl") == "/data/set/wav/a.wav")
        #expect(ManifestPath.resolve("../audio/a.wav", manifestPath: "/data/set/manifest.jsonl") == "/data/audio/a.wav")
        #expect(ManifestPath.resolve("./a.wav", manifestPath: "/m.jsonl") == "/a.wav")
        #expect(ManifestPath.resolve("/abs//x/../a.wav", manifestPath: "/data/m.jsonl") == "/abs/a.wav")
        #expect(ManifestPath.resolve("wav/../a.wav", inDirectory: "/data/set") == "/data/set/a.wav")
    }

    /// A relative manifest path is taken from the current directory, as the shell would.
    @Test func relativeManifestsResolveAgainstTheWorkingDirectory() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(ManifestPath.resolve("a.wav", manifestPath: "sets/m.jsonl") == ManifestPath.normalized(cwd + "/sets/a.wav"))
        #expect(ManifestPath.directory(of: "m.jsonl") == ManifestPath.normalized(cwd))
        #expect(ManifestPath.normalized("/../..") == "/")
    }
}
