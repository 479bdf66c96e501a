import CSoxr

/// A libsoxr resampler fed piece by piece, so that a long recording is converted while it is
/// decoded and only the converted samples are held. Output frame k is input time k / ratio
/// (libsoxr removes its filter's delay); after `finish`, the output has round(frames × ratio)
/// frames, as a one-shot conversion of the whole input would.
final class ResamplingStream {
    let conversion: SampleRateConversion
    private let handle: soxr_t
    private var scratch: [Float] = []

    init(_ conversion: SampleRateConversion) throws(AudioError) {
        self.conversion = conversion
        var ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var qualitySpec = soxr_quality_spec(conversion.quality.recipe, 0)
        // One thread: callers convert many files at once, or own the machine for one long file
        // (where libsoxr's OpenMP build would start threads beside Earshot's own work).
        var runtimeSpec = soxr_runtime_spec(1)
        var error: soxr_error_t?
        let created = soxr_create(Double(conversion.from), Double(conversion.to), UInt32(conversion.channels), &error,
                                  &ioSpec, &qualitySpec, &runtimeSpec)
        guard let created, error == nil else {
            soxr_delete(created)
            throw .invalidArgument("cannot resample \(conversion.from) Hz to \(conversion.to) Hz: \(error.map { String(cString: $0) } ?? "libsoxr made no resampler")")
        }
        handle = created
    }

    deinit { soxr_delete(handle) }

    /// Converts interleaved `input` and appends what is ready to `output`.
    func push(_ input: UnsafeBufferPointer<Float>, into output: inout [Float]) throws(AudioError) {
        let channels = conversion.channels
        var remaining = input.count / channels
        var offset = 0
        while remaining > 0 {
            let consumed = try process(input.baseAddress.map { $0 + offset * channels }, frames: remaining, into: &output)
            remaining -= consumed
            offset += consumed
        }
    }

    /// Flushes the filter's tail into `output`; nothing may be pushed after.
    func finish(into output: inout [Float]) throws(AudioError) {
        var last = -1
        while output.count != last {
            last = output.count
            _ = try process(nil, frames: 0, into: &output)
        }
    }

    /// One `soxr_process` call: returns the input frames consumed.
    private func process(_ input: UnsafePointer<Float>?, frames: Int, into output: inout [Float]) throws(AudioError) -> Int {
        let channels = conversion.channels
        let capacity = Int((Double(max(frames, 1024)) * conversion.ratio).rounded(.up)) + 64
        if scratch.count < capacity * channels { scratch = [Float](repeating: 0, count: capacity * channels) }
        var consumed = 0
        var produced = 0
        let handle = handle
        let error: soxr_error_t? = scratch.withUnsafeMutableBufferPointer { out in
            soxr_process(handle, input, frames, &consumed, out.baseAddress, capacity, &produced)
        }
        if let error {
            throw .invalidArgument("resampling \(conversion.from) Hz to \(conversion.to) Hz failed: \(String(cString: error))")
        }
        output.append(contentsOf: scratch[0..<(produced * channels)])
        return consumed
    }
}
