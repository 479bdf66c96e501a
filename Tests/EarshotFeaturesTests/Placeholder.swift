import Testing
@testable import EarshotFeatures
