import Testing
@testable import EarshotScoring
