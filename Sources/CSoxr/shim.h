// Thin shim: exposes the system's soxr.h (the SoX resampler as a library) to Swift
// (Debian package libsoxr-dev).
#include <soxr.h>
