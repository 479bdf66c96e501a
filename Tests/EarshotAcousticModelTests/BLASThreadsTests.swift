import EarshotAcousticModel
import Foundation
import Testing

/// Earshot, not an environment variable, decides OpenBLAS's threads; the variable still wins.
@Suite(.timeLimit(.minutes(5))) struct BLASThreadsTests {
    @Test func parallelWorkGetsOneThreadAndASingleJobEveryCore() {
        if let fixed = BLASThreads.environmentOverride {
            // Set by the caller: it wins for every workload.
            #expect(BLASThreads.threads(for: .parallelUtterances) == fixed)
            #expect(BLASThreads.threads(for: .singleJob) == fixed)
        } else {
            #expect(BLASThreads.threads(for: .parallelUtterances) == 1)
            #expect(BLASThreads.threads(for: .singleJob) == ProcessInfo.processInfo.activeProcessorCount)
        }
        // (What OpenBLAS then holds is not read back here: suites running beside this one set it too.)
    }
}
