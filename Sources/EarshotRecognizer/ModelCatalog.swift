import Foundation

/// What `earshot models list|inspect` shows of one model bundle: provenance, evaluation and
/// which reference statistics it carries for drift monitoring.
public struct CatalogEntry: Sendable, Codable, Equatable {
    public var file: String
    public var name: String
    public var version: String
    public var created: String
    public var trainingDataHash: String
    public var evaluation: [String: Double]
    /// Metric → number of reference values stored.
    public var referenceStatistics: [String: Int]
    public var bytes: Int

    enum CodingKeys: String, CodingKey {
        case file, name, version, created, evaluation, bytes
        case trainingDataHash = "training_data_hash", referenceStatistics = "reference_statistics"
    }

    public init(file: String, bundle: ModelBundle, bytes: Int) {
        self.file = file
        name = bundle.metadata.name
        version = bundle.metadata.version
        created = bundle.metadata.created
        trainingDataHash = bundle.metadata.trainingManifestHash
        evaluation = bundle.metadata.evaluation
        referenceStatistics = bundle.metadata.referenceStatistics.mapValues(\.count)
        self.bytes = bytes
    }
}

/// A directory of model bundles (`NAME-VERSION.earshot`): the registry the rollout draws its
/// candidates from.
public struct ModelCatalog: Sendable {
    public let directory: String
    public static let fileExtension = "earshot"

    public init(directory: String) { self.directory = directory }

    /// Every bundle in the directory, by file name; unreadable files come back as failures
    /// naming the file and the reason, so one bad file does not hide the rest.
    public func entries() throws(RecognizerError) -> (entries: [CatalogEntry], failures: [(file: String, reason: String)]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadable(path: directory, reason: "cannot list the model registry: \(error.localizedDescription)")
        }
        var entries: [CatalogEntry] = [], failures: [(String, String)] = []
        for name in names.sorted() where name.hasSuffix(".\(Self.fileExtension)") {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                entries.append(try Self.inspect(path: path))
            } catch {
                failures.append((path, error.description))
            }
        }
        return (entries, failures)
    }

    /// One bundle file's entry.
    public static func inspect(path: String) throws(RecognizerError) -> CatalogEntry {
        do {
            let bundle = try ModelBundle(path: path)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return CatalogEntry(file: path, bundle: bundle, bytes: bytes)
        } catch let error as RecognizerError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// Copies a valid bundle into the registry as `NAME-VERSION.earshot` (atomically); refuses
    /// to replace a registered version, since a version names one model forever.
    public func register(bundlePath: String) throws(RecognizerError) -> CatalogEntry {
        let entry = try Self.inspect(path: bundlePath)
        let safe = { (text: String) in String(text.map { $0.isLetter || $0.isNumber || "._".contains($0) ? $0 : "-" }) }
        let target = (directory as NSString).appendingPathComponent("\(safe(entry.name))-\(safe(entry.version)).\(Self.fileExtension)")
        guard !FileManager.default.fileExists(atPath: target) else {
            throw .inconsistent(field: target, reason: "\(entry.name) version \(entry.version) is already registered")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(contentsOf: URL(fileURLWithPath: bundlePath)).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw .unreadable(path: target, reason: "cannot register: \(error.localizedDescription)")
        }
        var registered = entry
        registered.file = target
        return registered
    }
}
