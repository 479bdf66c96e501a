import ArgumentParser

/// Earshot's exit codes: 0 all inputs ok, 1 some inputs failed, 2 usage error,
/// 3 a quality gate (such as `--max-wer`) was exceeded.
enum EarshotExit {
    static let someInputsFailed = ExitCode(1)
    static let usage = ExitCode(2)  // Earshot.main maps ArgumentParser usage errors here
    static let gateExceeded = ExitCode(3)
}
