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
        // Serving: HTTP server, Prometheus metrics, logs, lifecycle, SQLite request log; the load
        // tester's HTTP/1.1 client (plain NIO, no TLS to build) and latency histograms.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // HTTP parts as the server's channel pipeline sees them (answering Expect: 100-continue).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CEbur128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        // OpenBLAS is opened at first use, not linked (see OpenBLASLibrary.swift): only its header here.
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CFlite", providers: [.apt(["flite1-dev"])]),

        // MARK: Lifecycle modules
        // The dependency-free core: one home for what every stage shares (seeded generators, CPU clocks).
        .target(name: "EarshotCore"),
        .target(name: "EarshotAudio", dependencies: ["EarshotCore", "CSndFile", "CSoxr", "CEbur128"]),
        .target(name: "EarshotFeatures", dependencies: ["EarshotCore", "CFFTW"]),
        .target(name: "EarshotText"),
        .target(name: "EarshotCorpus", dependencies: ["EarshotCore", "EarshotAudio", "CEspeakNG", "CFlite"], resources: [.copy("Resources/voice-search.grammar")]),
        .target(name: "EarshotAcousticModel", dependencies: ["EarshotCore", "COpenBLAS"]),
        .target(name: "EarshotDecoder", dependencies: ["EarshotCore"]),
        .target(name: "EarshotRecognizer", dependencies: ["EarshotCore", "EarshotAudio", "EarshotFeatures", "EarshotAcousticModel", "EarshotDecoder"],
                resources: [.copy("Resources/default.earshot")]),
        .target(name: "EarshotTraining", dependencies: ["EarshotRecognizer", "EarshotCorpus", "EarshotScoring", "EarshotText", "EarshotMonitoring"]),
        .target(name: "EarshotScoring", dependencies: ["EarshotCore", "EarshotText"]),
        .target(name: "EarshotMonitoring", dependencies: [
            "EarshotScoring", "EarshotRecognizer", "EarshotPersistence", .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "EarshotRollout"),
        .target(name: "EarshotLabels", dependencies: ["EarshotCore", "EarshotText", "EarshotAudio"]),
        // The stores the server writes and the CLI reads: request log, review queue (SQLite), kept audio.
        .target(name: "EarshotPersistence", dependencies: ["EarshotCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "EarshotServing", dependencies: [
            "EarshotCore", "EarshotPersistence", "EarshotAudio", "EarshotDecoder", "EarshotRecognizer", "EarshotRollout", "EarshotMonitoring",
            "EarshotScoring",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        .target(name: "EarshotLoadTest", dependencies: [
            "EarshotCore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),

        // MARK: The command-line tool: parses arguments and calls the libraries.
        .executableTarget(name: "earshot", dependencies: [
            "EarshotAudio", "EarshotFeatures", "EarshotText", "EarshotCorpus",
            "EarshotAcousticModel", "EarshotDecoder", "EarshotScoring", "EarshotMonitoring",
            "EarshotLabels", "EarshotRecognizer", "EarshotTraining", "EarshotRollout", "EarshotPersistence",
            "EarshotServing", "EarshotLoadTest",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests, one target per module
        // What every suite shares: bounded waits (`eventually`).
        .target(name: "EarshotTestSupport", path: "Tests/EarshotTestSupport"),
        .testTarget(name: "EarshotCoreTests", dependencies: ["EarshotCore"]),
        .testTarget(name: "EarshotAudioTests", dependencies: ["EarshotAudio", "EarshotTestSupport"]),
        .testTarget(name: "EarshotFeaturesTests", dependencies: ["EarshotFeatures", "EarshotAudio", "EarshotCore", "EarshotTestSupport"]),
        .testTarget(name: "EarshotTextTests", dependencies: ["EarshotText"]),
        .testTarget(name: "EarshotCorpusTests", dependencies: ["EarshotCorpus", "EarshotCore", "EarshotTestSupport"]),
        .testTarget(name: "EarshotAcousticModelTests", dependencies: ["EarshotAcousticModel", "EarshotCore", "EarshotDecoder"]),
        .testTarget(name: "EarshotDecoderTests", dependencies: ["EarshotDecoder", "EarshotCore"]),
        .testTarget(name: "EarshotRecognizerTests", dependencies: ["EarshotRecognizer", "EarshotCore", "EarshotTestSupport"]),
        .testTarget(name: "EarshotTrainingTests", dependencies: ["EarshotTraining", "EarshotMonitoring", "EarshotTestSupport"]),
        .testTarget(name: "EarshotScoringTests", dependencies: ["EarshotScoring", "EarshotCore"]),
        .testTarget(name: "EarshotMonitoringTests", dependencies: ["EarshotMonitoring", "EarshotCore"]),
        .testTarget(name: "EarshotRolloutTests", dependencies: ["EarshotRollout"]),
        .testTarget(name: "EarshotLabelsTests", dependencies: ["EarshotLabels", "EarshotScoring", "EarshotTestSupport"]),
        .testTarget(name: "EarshotServingTests", dependencies: [
            // Drives a live server over loopback with the load tester's HTTP client.
            "EarshotServing", "EarshotLoadTest", "EarshotAudio", "EarshotDecoder", "EarshotRollout", "EarshotMonitoring",
            "EarshotRecognizer", "EarshotPersistence", "EarshotCore", "EarshotTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EarshotLoadTestTests", dependencies: ["EarshotLoadTest"]),
        .testTarget(name: "earshotTests", dependencies: ["earshot", "EarshotTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
