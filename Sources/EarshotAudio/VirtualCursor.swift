import CSndFile
import Foundation

/// The cursor libsndfile moves over a `ByteSource` through `sf_open_virtual`. The C callbacks
/// receive a pointer to this box as their context; every seek and read is bounds-checked here,
/// so a lying header can make libsndfile ask for anything and still only get real bytes.
final class VirtualCursor {
    let source: any ByteSource
    private(set) var position: Int64 = 0

    init(source: any ByteSource) { self.source = source }

    func seek(to offset: Int64, whence: Int32) -> Int64 {
        let base: Int64
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = position
        case SEEK_END: base = source.length
        default: return -1
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0 else { return -1 }
        position = target
        return position
    }

    func read(into pointer: UnsafeMutableRawPointer?, count: Int64) -> Int64 {
        guard let pointer, count > 0, position < source.length else { return 0 }
        let wanted = Int(min(count, source.length - position))
        let got = source.read(into: UnsafeMutableRawBufferPointer(start: pointer, count: wanted), at: position)
        position += Int64(got)
        return Int64(got)
    }

    /// The callback table; each entry recovers the cursor from the context pointer.
    static let callbacks = SF_VIRTUAL_IO(
        get_filelen: { context in cursor(context)?.source.length ?? -1 },
        seek: { offset, whence, context in cursor(context)?.seek(to: offset, whence: whence) ?? -1 },
        read: { pointer, count, context in cursor(context)?.read(into: pointer, count: count) ?? 0 },
        write: { _, _, _ in 0 },  // read-only: writing goes through sf_open on a path
        tell: { context in cursor(context)?.position ?? -1 }
    )

    private static func cursor(_ context: UnsafeMutableRawPointer?) -> VirtualCursor? {
        guard let context else { return nil }
        return Unmanaged<VirtualCursor>.fromOpaque(context).takeUnretainedValue()
    }
}
