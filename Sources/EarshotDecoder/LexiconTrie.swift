/// The lexicon's pronunciations as a prefix tree over unit indices; node 0 is the root.
/// A node lists the words whose pronunciation ends there (several for homophones).
struct LexiconTrie: Sendable {
    private(set) var children: [[Int: Int]] = [[:]]
    private(set) var wordsEnding: [[Int]] = [[]]

    static let root = 0

    init(pronunciations: [(word: Int, units: [Int])]) {
        for (word, units) in pronunciations {
            var node = Self.root
            for unit in units {
                if let next = children[node][unit] {
                    node = next
                } else {
                    children.append([:])
                    wordsEnding.append([])
                    children[node][unit] = children.count - 1
                    node = children.count - 1
                }
            }
            if !wordsEnding[node].contains(word) { wordsEnding[node].append(word) }
        }
    }

    func child(of node: Int, unit: Int) -> Int? { children[node][unit] }
    func words(endingAt node: Int) -> [Int] { wordsEnding[node] }
    var nodeCount: Int { children.count }
}
