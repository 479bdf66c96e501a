import Foundation

/// Random-access bytes that libsndfile decodes from: a file on disk or bytes in memory.
/// Reads are positional and bounds-checked; a source never hands out memory it does not own.
protocol ByteSource: AnyObject {
    /// Total number of bytes.
    var length: Int64 { get }
    /// Copies up to `buffer.count` bytes starting at `offset`; returns how many were copied.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int
}

extension ByteSource {
    /// Up to `count` bytes at `offset` (fewer at the end of the source).
    func bytes(at offset: Int64, count: Int) -> [UInt8] {
        guard offset >= 0, offset < length, count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: Int(min(Int64(count), length - offset)))
        let got = out.withUnsafeMutableBytes { read(into: $0, at: offset) }
        out.removeLast(out.count - got)
        return out
    }
}

/// Bytes held in memory (an upload, a network body).
final class MemoryByteSource: ByteSource {
    private let data: Data
    init(_ data: Data) { self.data = data }

    var length: Int64 { Int64(data.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
        guard offset >= 0, offset < length, buffer.count > 0 else { return 0 }
        let start = data.startIndex + Int(offset)
        let count = min(buffer.count, data.endIndex - start)
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self).baseAddress!, from: start..<(start + count))
        return count
    }
}

/// An open regular file, read with `pread` so that no position is shared.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    let length: Int64

    /// Opens `path`, throwing the reason it cannot be read as audio bytes.
    init(path: String) throws(AudioError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(source: path, reason: String(cString: strerror(code)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(source: path, reason: "is a directory") }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(source: path, reason: "not a regular file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(source: path, reason: String(cString: strerror(errno))) }
        self.descriptor = descriptor
        self.length = Int64(status.st_size)
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
        guard offset >= 0, buffer.count > 0, let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
            if got > 0 { done += got } else if got < 0, errno == EINTR { continue } else { break }
        }
        return done
    }
}
