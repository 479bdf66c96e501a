// Thin shim: exposes the system's ebur128.h to Swift (Debian package libebur128-dev).
#include <ebur128.h>
