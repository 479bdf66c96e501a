// Thin shim: exposes libespeak-ng's C API to Swift (Debian package libespeak-ng-dev).
#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>
