// Thin shim: the types of the system's cblas.h (Debian package libopenblas-dev). The library is
// not linked: EarshotAcousticModel opens it at first use (see OpenBLASLibrary.swift).
#include <cblas.h>
