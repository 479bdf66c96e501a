import ArgumentParser

/// `earshot audio`: the data stage's tools for recordings.
struct AudioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio",
        abstract: "Inspect, normalize and convert audio files.",
        discussion: """
        Reads everything libsndfile reads: WAV (8/16/24/32-bit PCM, float, A-law, \
        µ-law), FLAC, OGG/Vorbis, AIFF, AU, CAF. A file may hold at most 3 hours and \
        2^28 samples.

        Examples:
          earshot audio info Fixtures/audio/fsdd/*.wav
          earshot audio normalize --mode lufs --target -23 in.wav out.wav
          earshot audio convert --rate 16000 --out-dir out/16k recordings/*.flac
        """,
        subcommands: [AudioInfoCommand.self, AudioNormalizeCommand.self, AudioConvertCommand.self]
    )
}
