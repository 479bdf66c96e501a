/// Text normalization and word alignment shared by scoring and label audits.
public enum TextTools {}
