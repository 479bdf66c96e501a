import EarshotCore
import Foundation
import Testing
@testable import EarshotAcousticModel

@Suite(.timeLimit(.minutes(5))) struct SerializationTests {
    let model = try! AcousticModel(config: tinyConfig(dropout: 0.1), seed: 31)

    @Test func crc32KnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    /// The eight-bytes-a-step path agrees with the textbook byte-at-a-time CRC at every length
    /// and alignment, for contiguous and lazy sequences, and when chained through `initial`.
    @Test func crc32FastPathMatchesBytewise() {
        func bytewise(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
            }
            return ~crc
        }
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) }
        for start in 0..<9 {
            for end in stride(from: start, through: data.count, by: 13) {
                let slice = Array(data[start..<end])
                #expect(CRC32.checksum(data[start..<end]) == bytewise(slice))
                #expect(CRC32.checksum(slice.lazy.map { $0 }) == bytewise(slice))
            }
        }
        #expect(CRC32.checksum(data[100...], initial: CRC32.checksum(data[..<100])) == bytewise(data))
    }

    @Test func roundTripIsExact() throws {
        let data = try model.serialized()
        let loaded = try AcousticModel(serialized: data)
        #expect(loaded == model)
        #expect(Array(data.prefix(4)) == Array("ESAM".utf8))
        var rng = SeededGenerator(seed: 32)
        let input = TestData.features(frames: 12, dimensions: 4, rng: &rng)
        #expect(try loaded.logProbabilities(for: input) == model.logProbabilities(for: input))
    }

    @Test func wrongMagic() throws {
        var bytes = [UInt8](try model.serialized())
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: AcousticModelError.badMagic(source: "m.bin")) { try AcousticModel(serialized: Data(bytes), source: "m.bin") }
        #expect(throws: AcousticModelError.badMagic(source: "model")) { try AcousticModel(serialized: Data([1, 2])) }
    }

    @Test func wrongVersion() throws {
        var bytes = [UInt8](try model.serialized())
        bytes[4] = 9
        #expect(throws: AcousticModelError.unsupportedVersion(source: "model", found: 9, supported: 1)) {
            try AcousticModel(serialized: Data(bytes))
        }
    }

    @Test(arguments: [5, 13, 40, 200, -1])
    func truncated(keep: Int) throws {
        let bytes = [UInt8](try model.serialized())
        let prefix = Array(bytes.prefix(keep < 0 ? bytes.count - 1 : keep))
        #expect {
            try AcousticModel(serialized: Data(prefix), source: "cut.bin")
        } throws: { error in
            guard case AcousticModelError.truncated(let source, let expected, let actual) = error else { return false }
            return source == "cut.bin" && actual == prefix.count && expected > actual
        }
    }

    @Test func corruptedByteFailsTheChecksum() throws {
        let original = [UInt8](try model.serialized())
        for position in [original.count / 2, original.count - 10, 30] {
            var bytes = original
            bytes[position] ^= 0x10
            #expect {
                try AcousticModel(serialized: Data(bytes))
            } throws: { error in
                if case AcousticModelError.checksumMismatch = error { return true }
                return false
            }
        }
        var longer = original
        longer.append(0)
        #expect(throws: AcousticModelError.self) { try AcousticModel(serialized: Data(longer)) }
    }

    @Test func errorMessagesNameTheSourceAndReason() {
        let message = AcousticModelError.checksumMismatch(source: "default.earshot", stored: 0xAB, computed: 0x1234).description
        #expect(message == "default.earshot: corrupt model: checksum 0x00001234 does not match stored 0x000000ab")
        #expect(AcousticModelError.truncated(source: "m", expectedBytes: 10, actualBytes: 4).description.contains("expected 10 bytes, found 4"))
    }
}
