// swift-tools-version: 6.1
import PackageDescription

// One library module per stage of the speech-recognition lifecycle; data flows one way:
// audio → features → acoustic model → decoder → transcript → scoring / monitoring.
// C libraries sit behind thin systemLibrary shims found by pkg-config.

let package = Package(
    name: "Earshot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "earshot", targets: ["earshot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CEbur128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CSampleRate", pkgConfig: "samplerate", providers: [.apt(["libsamplerate0-dev"])]),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // MARK: Lifecycle modules
        .target(name: "EarshotAudio", dependencies: ["CSndFile", "CSampleRate", "CEbur128"]),
        .target(name: "EarshotFeatures", dependencies: ["CFFTW"]),
        .target(name: "EarshotText"),
        .target(name: "EarshotCorpus", dependencies: ["EarshotAudio", "CEspeakNG"], resources: [.copy("Resources/voice-search.grammar")]),
        .target(name: "EarshotAcousticModel", dependencies: ["COpenBLAS"]),
        .target(name: "EarshotDecoder"),
        .target(name: "EarshotScoring", dependencies: ["EarshotText"]),
        .target(name: "EarshotMonitoring"),
        .target(name: "EarshotLabels", dependencies: ["EarshotText", "EarshotAudio"]),

        // MARK: The command-line tool: parses arguments and calls the libraries.
        .executableTarget(name: "earshot", dependencies: [
            "EarshotAudio", "EarshotFeatures", "EarshotText", "EarshotCorpus",
            "EarshotAcousticModel", "EarshotDecoder", "EarshotScoring", "EarshotMonitoring",
            "EarshotAcousticModel", "EarshotDecoder", "EarshotScoring",
            "EarshotLabels",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests, one target per module
        .testTarget(name: "EarshotAudioTests", dependencies: ["EarshotAudio"]),
        .testTarget(name: "EarshotFeaturesTests", dependencies: ["EarshotFeatures", "EarshotAudio"]),
        .testTarget(name: "EarshotTextTests", dependencies: ["EarshotText"]),
        .testTarget(name: "EarshotCorpusTests", dependencies: ["EarshotCorpus"]),
        .testTarget(name: "EarshotAcousticModelTests", dependencies: ["EarshotAcousticModel"]),
        .testTarget(name: "EarshotDecoderTests", dependencies: ["EarshotDecoder"]),
        .testTarget(name: "EarshotScoringTests", dependencies: ["EarshotScoring"]),
        .testTarget(name: "EarshotMonitoringTests", dependencies: ["EarshotMonitoring"]),
        .testTarget(name: "EarshotLabelsTests", dependencies: ["EarshotLabels", "EarshotScoring"]),
        .testTarget(name: "earshotTests", dependencies: ["earshot"]),
    ],
    swiftLanguageModes: [.v6]
)
