import Testing
@testable import EarshotText
