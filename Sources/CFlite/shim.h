// Thin shim: exposes Flite's C API and its English voices to Swift (Debian package flite1-dev,
// which ships no pkg-config file; the libraries are linked by name in module.modulemap).
#include <flite/flite.h>

cst_voice *register_cmu_us_kal(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_slt(const char *voxdir);
