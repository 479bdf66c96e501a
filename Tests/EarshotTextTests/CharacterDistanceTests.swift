import Testing
@testable import EarshotText

@Suite(.timeLimit(.minutes(5))) struct CharacterDistanceTests {
    static func plain(_ a: [UInt32], _ b: [UInt32]) -> Int {
        AlignmentPropertyTests.minimumCost(a.map { Int32(bitPattern: $0) }, b.map { Int32(bitPattern: $0) }, sub: 1, ins: 1, del: 1)
    }

    @Test func matchesThePlainDynamicProgram() {
        var g = AlignmentPropertyTests.Generator(state: 9)
        var distance = CharacterDistance()
        let alphabet: [UInt32] = [97, 98, 99, 32, 0xE9, 0x65E5, 0x1F600]  // ASCII, é, 日, emoji
        for _ in 0..<1500 {
            let n = Int.random(in: 0...(Bool.random(using: &g) ? 20 : 150), using: &g)
            let m = Int.random(in: 0...(n + 10), using: &g)
            let a = (0..<n).map { _ in alphabet.randomElement(using: &g) ?? 97 }
            let b = (0..<m).map { _ in alphabet.randomElement(using: &g) ?? 97 }
            #expect(distance.distance(a, b) == Self.plain(a, b), "\(a) vs \(b)")
        }
    }

    @Test func knownDistances() {
        var distance = CharacterDistance()
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        #expect(distance.distance(scalars("kitten"), scalars("sitting")) == 3)
        #expect(distance.distance(scalars(""), scalars("abc")) == 3)
        #expect(distance.distance(scalars("abc"), scalars("")) == 3)
        #expect(distance.distance(scalars("日本語"), scalars("日本")) == 1)
    }
}
