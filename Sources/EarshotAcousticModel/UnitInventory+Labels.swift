import EarshotCore

extension UnitInventory {
    /// Throws unless every label is a non-blank unit.
    func validate(labels: [Int]) throws {
        for label in labels where label == blank || !symbols.indices.contains(label) {
            throw AcousticModelError.invalidLabel(label: label, unitCount: count, blank: blank)
        }
    }
}
