import EarshotLoadTest
@testable import EarshotServing
import Foundation
import Testing

/// Every route over a real loopback socket.
@Suite(.timeLimit(.minutes(5))) struct RouteTests {
    @Test func probesModelsAndMetricsAnswer() async throws {
        let server = try await TestServer.start(others: [DurationEchoRecognizer(modelInfo: .init(name: "candidate", version: "2"))])
        let health = try await server.send("GET", "/healthz")
        #expect(health.status == 200)
        #expect(try server.json(health)["status"] as? String == "alive")
        let ready = try await server.send("GET", "/readyz")
        #expect(ready.status == 200)
        let models = try server.json(try await server.send("GET", "/v1/models"))
        let names = (models["models"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["duration-echo", "candidate"])
        let metrics = try await server.send("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains(#"earshot_model_info{name="duration-echo",version="test-1",primary="true"} 1"#))
        #expect(metrics.text.contains("earshot_process_resident_memory_bytes"))
        #expect(metrics.text.contains("earshot_queue_depth 0"))
        try await server.stop()
    }

    @Test func rawAudioIsTranscribed() async throws {
        let server = try await TestServer.start()
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 2))
        #expect(reply.status == 200)
        let body = try server.json(reply)
        #expect(body["text"] as? String == "two seconds")
        #expect(abs((body["audio_seconds"] as? Double ?? 0) - 2) < 0.01)
        #expect((body["words"] as? [[String: Any]])?.first?["word"] as? String == "two")
        #expect((body["model"] as? [String: Any])?["name"] as? String == "duration-echo")
        #expect(body["needs_review"] as? Bool == false)
        for key in ["id", "confidence", "latency_ms", "queue_ms", "compute_ms"] { #expect(body[key] != nil, "missing \(key)") }
        #expect(reply.headers["x-request-id"] == body["id"] as? String)
        #expect(reply.headers["x-earshot-model"] == "duration-echo")
        try await server.stop()
    }

    @Test func metricsCountRequestsByRouteStatusAndModel() async throws {
        let server = try await TestServer.start()
        _ = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 2))
        _ = try await server.send("POST", "/v1/transcribe", body: Array("junk".utf8))
        _ = try await server.send("GET", "/nope")
        let text = try await server.send("GET", "/metrics").text
        #expect(text.contains(#"earshot_http_requests_total{route="/v1/transcribe",method="POST",status="200",model="duration-echo"} 1"#))
        #expect(text.contains(#"earshot_http_requests_total{route="/v1/transcribe",method="POST",status="400",model="none"} 1"#))
        #expect(text.contains(#"earshot_http_requests_total{route="unmatched",method="GET",status="404",model="none"} 1"#))
        #expect(text.contains(#"earshot_audio_processed_seconds_total{model="duration-echo"} 2"#))
        #expect(text.contains(#"earshot_real_time_factor_count{model="duration-echo"} 1"#))
        #expect(text.contains(#"earshot_http_request_duration_seconds_count{route="/v1/transcribe"} 2"#))
        #expect(text.contains(#"earshot_compute_seconds_count{model="duration-echo"} 1"#))
        // The scrape itself is in flight while it is rendered.
        #expect(text.contains("earshot_http_requests_in_flight 1"))
        try await server.stop()
    }

    @Test func multipartFilePartIsTranscribed() async throws {
        let server = try await TestServer.start()
        let form = TestAudio.multipart([("file", "three.wav", try TestAudio.wav(seconds: 3))])
        let reply = try await server.send("POST", "/v1/transcribe", headers: [("Content-Type", form.contentType)], body: form.body)
        #expect(reply.status == 200)
        #expect(try server.json(reply)["text"] as? String == "three seconds")
        let missing = TestAudio.multipart([("other", "x.wav", try TestAudio.wav(seconds: 1))])
        let refused = try await server.send("POST", "/v1/transcribe", headers: [("Content-Type", missing.contentType)], body: missing.body)
        #expect(refused.status == 400)
        #expect(refused.text.contains("no part named 'file'"))
        try await server.stop()
    }

    @Test func lowConfidenceNeedsReview() async throws {
        let server = try await TestServer.start(recognizer: DurationEchoRecognizer(confidence: 0.3)) { $0.reviewThreshold = 0.5 }
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1))
        #expect(try server.json(reply)["needs_review"] as? Bool == true)
        let metrics = try await server.send("GET", "/metrics").text
        #expect(metrics.contains(#"earshot_needs_review_total{model="duration-echo"} 1"#))
        #expect(metrics.contains(#"earshot_transcript_confidence_bucket{model="duration-echo",le="0.3"} 1"#))
        try await server.stop()
    }

    @Test func namedModelIsUsedAndUnknownModelRefused() async throws {
        let candidate = DurationEchoRecognizer(modelInfo: .init(name: "candidate", version: "2"))
        let server = try await TestServer.start(others: [candidate])
        let audio = try TestAudio.wav(seconds: 1)
        let chosen = try await server.send("POST", "/v1/transcribe?model=candidate", body: audio)
        #expect((try server.json(chosen)["model"] as? [String: Any])?["version"] as? String == "2")
        let unknown = try await server.send("POST", "/v1/transcribe?model=nope", body: audio)
        #expect(unknown.status == 400)
        #expect(unknown.text.contains("unknown model 'nope'"))
        try await server.stop()
    }

    @Test func unknownRouteIs404AndWrongMethodIs405() async throws {
        let server = try await TestServer.start()
        let missing = try await server.send("GET", "/v2/nothing")
        #expect(missing.status == 404)
        #expect(missing.text.contains("not_found"))
        let wrong = try await server.send("GET", "/v1/transcribe")
        #expect(wrong.status == 405)
        #expect(wrong.headers["allow"] == "POST")
        let wrongProbe = try await server.send("POST", "/healthz")
        #expect(wrongProbe.status == 405)
        #expect(wrongProbe.headers["allow"] == "GET")
        try await server.stop()
    }

    @Test func recognizerFailureIs500AndServerStaysUp() async throws {
        let server = try await TestServer.start(recognizer: FailingRecognizer())
        let reply = try await server.send("POST", "/v1/transcribe", body: try TestAudio.wav(seconds: 1))
        #expect(reply.status == 500)
        #expect(reply.text.contains("weights not loaded"))
        #expect(try await server.send("GET", "/healthz").status == 200)
        try await server.stop()
    }
}
