import Testing
@testable import earshot

@Suite struct AuditCommandTests {
    @Test func helpShowsExamples() {
        let help = AuditCommand.helpMessage()
        #expect(help.contains("Examples:"))
        #expect(help.contains("--write-normalized"))
        #expect(help.contains("--max-inconsistency"))
    }

    @Test func usageErrorsAreCaughtBeforeRunning() {
        #expect(throws: (any Error).self) { try AuditCommand.parse([]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--json", "--csv"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--max-inconsistency", "lots"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--normalize-conventions", "casing,spelling"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--write-normalized", "l.tsv"]) }
        #expect(throws: (any Error).self) { try AuditCommand.parse(["l.tsv", "--allowed-chars", "z-a"]) }
    }

    @Test func conventionListParses() {
        #expect(AuditCommand.conventions("casing,fillers")?.kinds == [.casing, .fillers])
        #expect(AuditCommand.conventions("casing,nope") == nil)
    }
}
