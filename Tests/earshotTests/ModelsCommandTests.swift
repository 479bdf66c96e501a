import ArgumentParser
@testable import earshot
import EarshotRecognizer
import EarshotServing
import Foundation
import Testing

@Suite struct ModelsCommandTests {
    @Test func registerListAndInspectTheShippedModel() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)").path
        let source = directory + "-source.earshot"
        let bundle = try Recognizer.defaultBundle()
        try bundle.write(to: source)
        let catalog = ModelCatalog(directory: directory)
        let entry = try catalog.register(bundlePath: source)
        #expect(entry.name == bundle.metadata.name && entry.version == bundle.metadata.version)
        #expect(entry.file.hasSuffix("\(bundle.metadata.name)-\(bundle.metadata.version).earshot"))
        #expect(entry.referenceStatistics == bundle.metadata.referenceStatistics.mapValues(\.count))
        // A version names one model forever.
        #expect(throws: ServingError.self) { try catalog.register(bundlePath: source) }
        try Data("not a bundle".utf8).write(to: URL(fileURLWithPath: directory + "/junk.earshot"))
        let (entries, failures) = try catalog.entries()
        #expect(entries.map(\.name) == [bundle.metadata.name])
        #expect(failures.count == 1 && failures[0].file.hasSuffix("junk.earshot"))
        await #expect(throws: ExitCode.self) { try await ModelsListCommand.parse(["--registry", directory]).run() }
        #expect(ModelsCommand.helpMessage().contains("Examples:"))
        // The server builds its drift reference from the bundle.
        let reference = try PipelineRecognizer(recognizer: try Recognizer(bundle: bundle)).referenceDistributions()
        #expect(Set(reference.keys) == Set(bundle.metadata.referenceStatistics.filter { !$0.value.isEmpty }.keys))
    }
}
