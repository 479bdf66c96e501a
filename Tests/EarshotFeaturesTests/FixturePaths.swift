import EarshotTestSupport
import Foundation

/// Paths into the repository's Fixtures/ folder, found from this file's location.
enum FixturePaths {
    static let root = TestFixtures.root

    static func path(_ relative: String) -> String { TestFixtures.path(relative) }
}
