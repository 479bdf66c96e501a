// Thin shim: exposes the system's fftw3.h to Swift (Debian package libfftw3-dev).
#include <fftw3.h>
