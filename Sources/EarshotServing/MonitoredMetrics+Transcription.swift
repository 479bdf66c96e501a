import EarshotMonitoring

extension MonitoredMetrics {
    /// The values of a live recognition.
    static func values(_ done: Transcription, vocabulary: Set<String>? = nil) -> [String: Double] {
        let stats = done.audioStats
        return values(audioSeconds: done.audioSeconds, sampleRate: stats?.sampleRate, rmsDBFS: stats?.rmsDBFS,
                      integratedLUFS: stats?.integratedLUFS, snrDB: stats?.snrDB, clippedFraction: stats?.clippedFraction,
                      transcript: done.transcript.text, confidence: done.transcript.confidence, peakDBFS: stats?.peakDBFS,
                      vocabulary: vocabulary)
    }
}
