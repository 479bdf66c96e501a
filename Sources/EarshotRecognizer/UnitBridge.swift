import EarshotAcousticModel
import EarshotDecoder

/// The acoustic model and the decoder each have a `UnitInventory`; this is the one place that
/// maps the network's (symbols, blank, text separator) to the decoder's (units, blank, word boundary).
public enum UnitBridge {
    /// A character model with a " " unit delimits words by it; any other model (phones) has
    /// implicit boundaries.
    public static func decoderInventory(_ units: EarshotAcousticModel.UnitInventory) -> EarshotDecoder.UnitInventory {
        let boundary: EarshotDecoder.UnitInventory.WordBoundary =
            units.symbols.contains(" ") ? .separator(" ") : .implicit(silence: nil)
        return EarshotDecoder.UnitInventory(units: units.symbols, blank: units.blank, wordBoundary: boundary)
    }
}
