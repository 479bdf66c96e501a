import EarshotAudio
import EarshotDecoder
import EarshotRecognizer
import EarshotServing
import Foundation
import Synchronization

/// Test double for the HTTP mechanics: its "transcript" is the audio's duration in whole
/// seconds as words ("two seconds"), computed from the audio the server really decoded, and it
/// holds its worker for `secondsPerAudioSecond` × duration to emulate recognition time.
struct DurationEchoRecognizer: SpeechRecognizer {
    var modelInfo = ModelInfo(name: "duration-echo", version: "test-1")
    var secondsPerAudioSecond = 0.0
    var confidence = 0.9
    /// When set, every recognition waits here until the test opens it.
    var gate: Gate?

    func recognize(_ waveform: Waveform) throws -> Transcript {
        gate?.wait()
        let duration = waveform.durationSeconds
        if secondsPerAudioSecond > 0 { Thread.sleep(forTimeInterval: duration * secondsPerAudioSecond) }
        let spoken = Self.spell(Int(duration.rounded()))
        return Transcript(
            words: [
                TimedWord(word: spoken, start: 0, end: duration / 2, confidence: confidence),
                TimedWord(word: "seconds", start: duration / 2, end: duration, confidence: confidence),
            ],
            confidence: confidence)
    }

    static func spell(_ number: Int) -> String {
        let names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return names.indices.contains(number) ? names[number] : String(number)
    }
}

/// A recognizer that always fails, for the 500 path.
struct FailingRecognizer: SpeechRecognizer {
    struct Broken: Error, CustomStringConvertible { var description: String { "weights not loaded" } }
    var modelInfo = ModelInfo(name: "broken", version: "0")
    func recognize(_ waveform: Waveform) throws -> Transcript { throw Broken() }
}

/// A candidate that answers with nothing, for the empty-transcript rollback rule.
struct EmptyRecognizer: SpeechRecognizer {
    var modelInfo = ModelInfo(name: "mute", version: "0")
    func recognize(_ waveform: Waveform) throws -> Transcript { Transcript(words: [], confidence: 0.9) }
}

/// A candidate that always says the same words whatever it hears (disagrees with the echo), and
/// can hold its worker for a fixed time without using the CPU.
struct FixedPhraseRecognizer: SpeechRecognizer {
    var modelInfo = ModelInfo(name: "fixed", version: "1")
    var phrase = "call mom"
    var holdSeconds = 0.0
    func recognize(_ waveform: Waveform) throws -> Transcript {
        if holdSeconds > 0 { Thread.sleep(forTimeInterval: holdSeconds) }
        let words = phrase.split(separator: " ").map { TimedWord(word: String($0), start: 0, end: 0, confidence: 0.9) }
        return Transcript(words: words, confidence: 0.9)
    }
}

/// A candidate that echoes durations like the primary until the test breaks it; from then on
/// it says "call mom" to everything (healthy by HTTP, wrong in words).
struct BreakableRecognizer: SpeechRecognizer {
    final class Switch: Sendable {
        private let broken = Mutex(false)
        var isBroken: Bool { broken.withLock { $0 } }
        func breakIt() { broken.withLock { $0 = true } }
    }

    var modelInfo = ModelInfo(name: "breakable", version: "1")
    let control = Switch()

    func recognize(_ waveform: Waveform) throws -> Transcript {
        guard control.isBroken else { return try DurationEchoRecognizer(modelInfo: modelInfo).recognize(waveform) }
        return try FixedPhraseRecognizer(modelInfo: modelInfo).recognize(waveform)
    }
}

/// Holds work until the test opens it, so a test sees requests in flight for as long as it needs
/// (a sleep-based recognizer can finish before a loaded machine lets the test look).
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let isOpen = Mutex(false)

    func wait() {
        if isOpen.withLock({ $0 }) { return }
        semaphore.wait()
        semaphore.signal()  // pass it on to the next waiter
    }

    func open() {
        isOpen.withLock { $0 = true }
        semaphore.signal()
    }
}
