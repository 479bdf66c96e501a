import EarshotCore
/// Checks `Authorization: Bearer KEY` against SHA-256 digests, so the server never holds a
/// key in the clear (make one with `printf %s "$KEY" | sha256sum`).
public struct APIKeys: Sendable {
    private let digests: Set<String>

    public init(hashes: Set<String>) { digests = Set(hashes.map { $0.lowercased() }) }

    public var isEnabled: Bool { !digests.isEmpty }

    /// True when authentication is off or the header carries a known key.
    public func authorizes(authorizationHeader: String?) -> Bool {
        guard isEnabled else { return true }
        guard let header = authorizationHeader else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let presented = SHA256.hex(SHA256.hash(Array(parts[1].trimmingWhitespace().utf8)))
        // Compare against every digest without an early exit, so timing says nothing about which
        // prefix matched.
        var matched = false
        for digest in digests where Self.constantTimeEqual(digest, presented) { matched = true }
        return matched
    }

    public static func isHexDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0 | 0x20) }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
