import EarshotCore
import Foundation

/// NumPy's `.npy` format (version 1.0) for float32 matrices: `numpy.load` reads what
/// `encode` writes as a C-order `<f4` array of shape (frames, dims).
public enum NPYFormat {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    public static func encode(_ matrix: FrameMatrix) -> Data {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(matrix.frames), \(matrix.dimensions)), }"
        // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of
        // 64 bytes and ended by a newline, as the format asks.
        let unpadded = magic.count + 4 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data(magic)
        data.append(contentsOf: [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: header.utf8)
        data.reserveCapacity(data.count + matrix.values.count * 4)
        matrix.values.withUnsafeBufferPointer { values in
            var little = [UInt32](repeating: 0, count: values.count)
            for i in values.indices { little[i] = values[i].bitPattern.littleEndian }
            little.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Reads a little-endian float32, C-order array of one or two dimensions (a vector becomes
    /// a single row).
    public static func decode(_ data: Data, source: String) throws(FeatureError) -> FrameMatrix {
        let bytes = [UInt8](data)
        func fail(_ reason: String) -> FeatureError { .malformedFile(source: source, reason: "not a float32 .npy matrix: \(reason)") }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("missing the NUMPY magic") }
        let major = bytes[6]
        let headerStart: Int, headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw fail("unsupported version \(major)")
        }
        guard headerStart + headerLength <= bytes.count else { throw fail("truncated header") }
        let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        guard header.contains("'descr': '<f4'") else { throw fail("dtype is not '<f4'") }
        guard header.contains("'fortran_order': False") else { throw fail("Fortran order is not supported") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw fail("no shape")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, (1...2).contains(shape.count), shape.allSatisfy({ $0 >= 0 }) else {
            throw fail("shape (\(dims.joined(separator: ", "))) is not one or two sizes")
        }
        let rows = shape.count == 2 ? shape[0] : 1
        let columns = shape.count == 2 ? shape[1] : shape[0]
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        let payload = headerStart + headerLength
        guard !overflow, count <= (bytes.count - payload) / 4, bytes.count - payload == count * 4 else {
            throw fail("payload has \(bytes.count - payload) bytes for shape (\(rows), \(columns))")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: payload + 4 * i, as: UInt32.self)))
            }
        }
        // The header's shape was checked against the payload above.
        return FrameMatrix(unchecked: rows, columns, values)
    }

    public static func read(path: String) throws(FeatureError) -> FrameMatrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .malformedFile(source: path, reason: "cannot read the file")
        }
        return try decode(data, source: path)
    }
}
