// bpv: the version. The numbers are in version.h (C and C++), which CMake reads.
#pragma once

#include "bpv/version.h"

namespace bpv {
/// The library's version, "MAJOR.MINOR.PATCH".
inline constexpr const char* version_string = BPV_VERSION_STRING;
}  // namespace bpv
