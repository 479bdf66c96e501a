import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct HelpTests {
    @Test func rootHelpShowsExamples() {
        let help = Earshot.helpMessage()
        #expect(help.contains("Examples:"))
    }
}
