import CFFTW
/// Feature extraction (MFCC, filterbanks) on FFTW.
public enum Features {}
