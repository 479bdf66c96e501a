import CSndFile

/// A container and sample encoding for writing, e.g. WAV with 16-bit PCM.
public struct AudioFileFormat: Sendable, Hashable, CustomStringConvertible {
    public enum Container: String, Sendable, CaseIterable {
        case wav, aiff, flac, ogg, au, caf, w64
    }

    public enum Encoding: String, Sendable, CaseIterable {
        case pcmU8, pcmS8, pcm16, pcm24, pcm32, float32, float64, ulaw, alaw, vorbis
    }

    public var container: Container
    public var encoding: Encoding

    public init(_ container: Container, _ encoding: Encoding) {
        self.container = container
        self.encoding = encoding
    }

    /// 16-bit PCM WAV: what speech tools expect.
    public static let wav16 = AudioFileFormat(.wav, .pcm16)
    /// 32-bit float WAV: no quantization, values beyond ±1 kept.
    public static let wavFloat32 = AudioFileFormat(.wav, .float32)

    public var description: String { "\(container.rawValue)/\(encoding.rawValue)" }

    var isInteger: Bool { ![.float32, .float64, .vorbis].contains(encoding) }

    var sndfileFormat: Int32 {
        let major: Int32 = switch container {
        case .wav: Int32(SF_FORMAT_WAV)
        case .aiff: Int32(SF_FORMAT_AIFF)
        case .flac: Int32(SF_FORMAT_FLAC)
        case .ogg: Int32(SF_FORMAT_OGG)
        case .au: Int32(SF_FORMAT_AU)
        case .caf: Int32(SF_FORMAT_CAF)
        case .w64: Int32(SF_FORMAT_W64)
        }
        let subtype: Int32 = switch encoding {
        case .pcmU8: Int32(SF_FORMAT_PCM_U8)
        case .pcmS8: Int32(SF_FORMAT_PCM_S8)
        case .pcm16: Int32(SF_FORMAT_PCM_16)
        case .pcm24: Int32(SF_FORMAT_PCM_24)
        case .pcm32: Int32(SF_FORMAT_PCM_32)
        case .float32: Int32(SF_FORMAT_FLOAT)
        case .float64: Int32(SF_FORMAT_DOUBLE)
        case .ulaw: Int32(SF_FORMAT_ULAW)
        case .alaw: Int32(SF_FORMAT_ALAW)
        case .vorbis: Int32(SF_FORMAT_VORBIS)
        }
        return major | subtype
    }
}
