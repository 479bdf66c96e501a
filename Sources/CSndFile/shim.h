// Thin shim: exposes the system's sndfile.h to Swift (Debian package libsndfile1-dev).
#include <sndfile.h>
