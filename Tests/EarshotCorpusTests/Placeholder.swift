import Testing
@testable import EarshotCorpus
