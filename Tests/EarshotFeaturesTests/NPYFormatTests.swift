import EarshotCore
import Foundation
import Testing
@testable import EarshotFeatures

@Suite(.timeLimit(.minutes(5))) struct NPYFormatTests {
    static let matrix = try! FrameMatrix(frames: 3, dimensions: 4, values: (0..<12).map { Float($0) * 0.25 - 1 })

    @Test func headerIsNPYVersion1() throws {
        let data = NPYFormat.encode(Self.matrix)
        let bytes = [UInt8](data)
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: bytes[10..<10 + headerLength], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"))
        #expect(header.hasSuffix("\n"))
        #expect(bytes.count == 10 + headerLength + 12 * 4)
        // Payload: little-endian float32, row-major.
        let third = UInt32(bytes[10 + headerLength + 8]) | UInt32(bytes[10 + headerLength + 9]) << 8
            | UInt32(bytes[10 + headerLength + 10]) << 16 | UInt32(bytes[10 + headerLength + 11]) << 24
        #expect(Float(bitPattern: third) == Self.matrix[0, 2])
        #expect(try NPYFormat.decode(data, source: "m.npy") == Self.matrix)
    }

    @Test func emptyMatricesRoundTrip() throws {
        let empty = FrameMatrix(zeros: 0, dimensions: 13)
        #expect(try NPYFormat.decode(NPYFormat.encode(empty), source: "e.npy") == empty)
    }

    @Test func malformedFilesAreErrors() {
        let good = NPYFormat.encode(Self.matrix)
        for bad in [Data(), Data("hello world".utf8), good.dropLast(3),
                    Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "<f4", with: "<f8").utf8)] {
            #expect(throws: FeatureError.self) { try NPYFormat.decode(Data(bad), source: "bad.npy") }
        }
    }

    static let numpyPython: String? = {
        for python in [".venv/bin/python", "python3"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, "-c", "import numpy"]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return python }
        }
        return nil
    }()

    @Test(.enabled(if: numpyPython != nil, "needs numpy (make setup-python installs it)"))
    func numpyLoadsTheSameNumbers() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-npy-\(UUID()).npy")
        try NPYFormat.encode(Self.matrix).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Self.numpyPython!, "-c",
                             "import numpy, sys; a = numpy.load(sys.argv[1]); print(a.dtype, a.shape, ' '.join(repr(float(x)) for x in a.ravel()))",
                             url.path]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        let expected = "float32 (3, 4) " + Self.matrix.values.map { "\(Double($0))" }.joined(separator: " ")
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }
}

@Suite(.timeLimit(.minutes(5))) struct FeatureFileFormatTests {
    static let matrix = try! FrameMatrix(frames: 2, dimensions: 3, values: [1.5, -2, 0.125, 3, 4e-7, -1e6])

    @Test func jsonDecodesBackToTheMatrix() throws {
        let data = FeatureFileFormat.json.encode(Self.matrix)
        #expect(try JSONDecoder().decode(FrameMatrix.self, from: data) == Self.matrix)
        let ragged = Data(#"{"frames": 2, "dimension": 3, "data": [[1, 2, 3], [4, 5]]}"#.utf8)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(FrameMatrix.self, from: ragged) }
    }

    @Test func csvHasOneLinePerFrame() {
        let text = String(decoding: FeatureFileFormat.csv.encode(Self.matrix), as: UTF8.self)
        #expect(text == "1.5,-2.0,0.125\n3.0,4e-07,-1000000.0\n")
    }
}
