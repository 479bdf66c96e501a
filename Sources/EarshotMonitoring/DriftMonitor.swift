/// When a metric counts as drifted. The defaults: PSI ≥ 0.25 is the usual line for a
/// population shift that needs action (0.1–0.25 is "moderate"), and requiring a KS p-value
/// below 0.001 as well keeps a small window's sampling noise from raising alarms; a window of
/// 200 requests reacts within a few dozen requests to a large shift.
public struct DriftThresholds: Sendable, Codable, Equatable {
    public var populationStabilityIndex = 0.25
    public var ksPValue = 0.001
    /// Recent values kept per metric.
    public var window = 200
    /// No verdict before this many values are in the window.
    public var minimumSamples = 100

    public init() {}

    // snake_case, as in the rest of Earshot's JSON (`GET /v1/monitoring` shows the thresholds).
    enum CodingKeys: String, CodingKey {
        case populationStabilityIndex = "population_stability_index", ksPValue = "ks_p_value", window
        case minimumSamples = "minimum_samples"
    }
}

/// One metric's drift verdict for the current window.
public struct MetricDrift: Sendable, Codable, Equatable {
    public var metric: String
    public var samples: Int
    public var populationStabilityIndex: Double
    public var ksStatistic: Double
    public var ksPValue: Double
    public var referenceMedian: Double
    public var currentMedian: Double
    public var alarm: Bool

    enum CodingKeys: String, CodingKey {
        case metric, samples, alarm
        case populationStabilityIndex = "population_stability_index", ksStatistic = "ks_statistic", ksPValue = "ks_p_value"
        case referenceMedian = "reference_median", currentMedian = "current_median"
    }
}

/// Compares sliding windows of live metric values with a model's reference distributions.
/// A value type: the server keeps one behind a lock.
public struct DriftMonitor: Sendable {
    public let reference: [String: ReferenceDistribution]
    public let thresholds: DriftThresholds
    private var windows: [String: RingBuffer]

    public init(reference: [String: ReferenceDistribution], thresholds: DriftThresholds = .init()) throws(MonitoringError) {
        guard thresholds.window >= 2, (1...thresholds.window).contains(thresholds.minimumSamples) else {
            throw .invalidSetting("drift window must be ≥ 2 and minimum samples between 1 and the window")
        }
        self.reference = reference
        self.thresholds = thresholds
        windows = reference.mapValues { _ in RingBuffer(capacity: thresholds.window) }
    }

    /// Records one request's metrics; metrics without a reference are ignored, as are
    /// non-finite values.
    public mutating func observe(_ values: [String: Double]) {
        for (name, value) in values where value.isFinite {
            windows[name]?.append(value)
        }
    }

    /// The verdict for every metric, sorted by name.
    public func evaluate() -> [MetricDrift] {
        reference.keys.sorted().compactMap { name in
            guard let distribution = reference[name], let window = windows[name] else { return nil }
            let current = window.sortedValues
            let median = { (sorted: [Double]) in sorted.isEmpty ? Double.nan : sorted[sorted.count / 2] }
            guard current.count >= thresholds.minimumSamples else {
                return MetricDrift(metric: name, samples: current.count, populationStabilityIndex: 0, ksStatistic: 0, ksPValue: 1,
                                   referenceMedian: median(distribution.sortedValues), currentMedian: median(current), alarm: false)
            }
            let psi = DriftStatistics.populationStabilityIndex(reference: distribution, current: current)
            let ks = DriftStatistics.kolmogorovSmirnov(sorted: distribution.sortedValues, sorted: current)
            let alarm = psi >= thresholds.populationStabilityIndex && ks.pValue < thresholds.ksPValue
            return MetricDrift(metric: name, samples: current.count, populationStabilityIndex: psi, ksStatistic: ks.statistic,
                               ksPValue: ks.pValue, referenceMedian: median(distribution.sortedValues),
                               currentMedian: median(current), alarm: alarm)
        }
    }
}

/// A fixed-capacity window that drops its oldest value, kept sorted as values come and go: the
/// monitor evaluates after every request, and moving one value in a sorted array is O(n) where
/// sorting the window each time would be O(n log n).
struct RingBuffer: Sendable {
    private var storage: [Double] = []
    private var next = 0
    /// The window's values in ascending order.
    private(set) var sortedValues: [Double] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Appends a finite value (the caller filters the others: NaN has no place in an order).
    mutating func append(_ value: Double) {
        guard value.isFinite else { return }  // a NaN would break the sorted copy's order
        if storage.count < capacity {
            storage.append(value)
        } else {
            sortedValues.remove(at: Self.firstIndex(notBelow: storage[next], in: sortedValues))
            storage[next] = value
        }
        sortedValues.insert(value, at: Self.firstIndex(notBelow: value, in: sortedValues))
        next = (next + 1) % capacity
    }

    /// Binary search: the first index whose value is ≥ `value` (the count when none is).
    static func firstIndex(notBelow value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
