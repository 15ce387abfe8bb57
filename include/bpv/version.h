/* bpv: the version, in one place (C and C++). CMake reads it from here. */
#ifndef BPV_VERSION_H
#define BPV_VERSION_H

#define BPV_VERSION_MAJOR 0
#define BPV_VERSION_MINOR 2
#define BPV_VERSION_PATCH 0
#define BPV_VERSION_STRING "0.2.0"

#endif /* BPV_VERSION_H */
