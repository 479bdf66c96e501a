import Foundation
import Synchronization
import Testing
@testable import earshot

@Suite(.timeLimit(.minutes(5))) struct AudioBatchTests {
    struct Odd: Error {}

    /// Work runs on several threads, yet reports arrive in input order and failures are counted.
    @Test func reportsInInputOrderAndKeepsGoingPastFailures() {
        let reported = Mutex<[Int]>([])
        let (outputs, ok) = AudioBatch.run(Array(0..<60), label: "test", name: { "item \($0)" }, workers: 4, work: { item in
            usleep(UInt32((item * 7919) % 13) * 100)  // finish out of order
            if item % 10 == 3 { throw Odd() }
            return item * 2
        }, report: { item, output in
            #expect(output == item * 2)
            reported.withLock { $0.append(item) }
        })
        #expect(!ok)
        let expected = (0..<60).filter { $0 % 10 != 3 }
        #expect(reported.withLock { $0 } == expected)
        #expect(outputs.count == 60)
        #expect(outputs.enumerated().allSatisfy { index, output in output == (index % 10 == 3 ? nil : index * 2) })
    }

    @Test func allSucceeding() {
        let (outputs, ok) = AudioBatch.run(["a", "b"], label: "test", name: { $0 }, work: { $0.uppercased() })
        #expect(ok)
        #expect(outputs == ["A", "B"])
    }
}
