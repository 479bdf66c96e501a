// Thin shim: exposes the system's samplerate.h to Swift (Debian package libsamplerate0-dev).
#include <samplerate.h>
