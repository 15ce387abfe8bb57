// bpv: the version, in one place. CMake reads it from here.
#pragma once

#define BPV_VERSION_MAJOR 0
#define BPV_VERSION_MINOR 1
#define BPV_VERSION_PATCH 0
#define BPV_VERSION_STRING "0.1.0"

namespace bpv {
/// The library's version, "MAJOR.MINOR.PATCH".
inline constexpr const char* version_string = BPV_VERSION_STRING;
}  // namespace bpv
