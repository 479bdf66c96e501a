import Testing
@testable import earshot

@Suite struct HelpTests {
    @Test func rootHelpShowsExamples() {
        let help = Earshot.helpMessage()
        #expect(help.contains("Examples:"))
    }
}
