import EarshotAudio
import CEspeakNG
/// Manifests, synthesis, augmentation and dataset import.
public enum Corpus {}
