import Testing
@testable import EarshotAudio

@Suite(.timeLimit(.minutes(5))) struct WaveformTests {
    @Test func monoAveragesChannels() {
        let stereo = Waveform(samples: [1, 0, 0.5, -0.5], sampleRate: 8000, channelCount: 2)
        let mono = stereo.mono()
        #expect(mono.samples == [0.5, 0])
        #expect(mono.channelCount == 1)
        #expect(mono.frameCount == 2)
    }
}
