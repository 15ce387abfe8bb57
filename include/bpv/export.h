/* bpv: BPV_API marks what the library exports. C and C++ headers both use it.
 * Shared builds (BUILD_SHARED_LIBS) hide every other symbol; consumers of a shared build get
 * BPV_SHARED from the package (CMake target, pkg-config), which only Windows needs. */
#ifndef BPV_EXPORT_H
#define BPV_EXPORT_H

#if defined(_WIN32) && defined(BPV_SHARED)
#  if defined(BPV_BUILDING)
#    define BPV_API __declspec(dllexport)
#  else
#    define BPV_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define BPV_API __attribute__((visibility("default")))
#else
#  define BPV_API
#endif

#endif /* BPV_EXPORT_H */
