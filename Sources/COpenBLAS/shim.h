// Thin shim: exposes the system's cblas.h to Swift (Debian package libopenblas-dev).
#include <cblas.h>
