import Testing
@testable import EarshotAcousticModel
