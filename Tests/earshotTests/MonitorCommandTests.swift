import ArgumentParser
import EarshotMonitoring
import EarshotPersistence
@testable import earshot
import EarshotServing
import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct MonitorCommandTests {
    /// A logged recognition (built through the row's JSON form: its memberwise init is internal).
    static func row(_ index: Int, rms: Double) throws -> RequestLogRow {
        let fields: [String: Any] = [
            "request_id": "r\(index)", "item": 0, "received_at": Double(index), "route": "/v1/transcribe", "status": 200,
            "latency_ms": 5.0, "audio_seconds": 1 + Double(index % 5) * 0.1, "sample_rate": 16000,
            "rms_dbfs": rms + Double(index % 11) * 0.3, "clipped_fraction": 0.0, "transcript": "call mom", "confidence": 0.9,
        ]
        return try JSONDecoder().decode(RequestLogRow.self, from: JSONSerialization.data(withJSONObject: fields))
    }

    @Test func reportFindsTheVolumeDropInALogAndExitsThree() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("requests.db").path
        let log = try RequestLog(path: path)
        try await log.append(try (0..<300).map { try Self.row($0, rms: -25) } + (300..<450).map { try Self.row($0, rms: -45) })
        let reference = directory.appendingPathComponent("reference.json").path
        try await MonitorReferenceCommand.parse(["--log", path, "--output", reference, "--first", "300"]).run()
        let report = try OfflineMonitoring.report(log: log, reference: try DriftReference.load(path: reference), skip: 300)
        #expect(report.recognitions == 150)
        #expect(report.final.alarms == ["rms_dbfs"])
        #expect(report.firstAlarms["rms_dbfs"] == 100)  // the first verdict: minimum 100 samples
        await #expect(throws: ExitCode.self) {
            try await MonitorReportCommand.parse(["--log", path, "--baseline", "300", "--json"]).run()
        }
        // The unshifted part alone raises nothing.
        let calm = try OfflineMonitoring.report(log: log, reference: try DriftReference.load(path: reference), skip: 0)
        #expect(calm.firstAlarms["rms_dbfs"] ?? 0 > 300)
        #expect(MonitorCommand.helpMessage().contains("Examples:"))
        #expect(throws: (any Error).self) { try MonitorReportCommand.parse(["--log", path]) }
    }
}
