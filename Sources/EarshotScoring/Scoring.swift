import EarshotText
/// Word error rate and error analysis.
public enum Scoring {}
