/// A wait in a test that gave up: what it waited for and for how long, so a failure names the
/// condition instead of leaving a test (and the whole run) hanging.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public var condition: String
    public var waited: Duration
    public var description: String { "gave up after \(waited) waiting for \(condition)" }
}

/// Polls `condition` until it holds, every `interval`, and throws `WaitTimedOut` naming
/// `condition` once `within` has passed. The one way tests wait for something to happen: an
/// unbounded `while !ready { sleep }` spins forever when the event it waits for already failed
/// (a request that hit its deadline on a loaded machine never becomes "running").
public func eventually(
    _ condition: @autoclosure () -> String,
    within limit: Duration = .seconds(60),
    every interval: Duration = .milliseconds(5),
    _ check: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    while try await !check() {
        guard clock.now - start < limit else { throw WaitTimedOut(condition: condition(), waited: clock.now - start) }
        try await Task.sleep(for: interval)
    }
}

/// The value `produce` returns once it is non-nil, polled like `eventually`.
public func eventuallyValue<T>(
    _ condition: @autoclosure () -> String,
    within limit: Duration = .seconds(60),
    every interval: Duration = .milliseconds(5),
    _ produce: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let start = clock.now
    while true {
        if let value = try await produce() { return value }
        guard clock.now - start < limit else { throw WaitTimedOut(condition: condition(), waited: clock.now - start) }
        try await Task.sleep(for: interval)
    }
}
