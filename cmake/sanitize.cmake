# Sanitizers and fuzzing instrumentation, for every target configured after this file.
#   BPV_SANITIZE  "" (none), "address,undefined", "thread", or another -fsanitize= list
#   BPV_FUZZ      ON: fuzz targets link the fuzzing engine (clang only); the code they reach is
#                 instrumented for its coverage feedback
#   BPV_FUZZ_ENGINE  how fuzz targets link the engine: libFuzzer by default, OSS-Fuzz's
#                 $LIB_FUZZING_ENGINE from fuzz/ossfuzz.sh
#   BPV_SIMDJSON_CHECKS  ON: simdjson's development checks in every target, as a build without
#                 optimisation has them, so that an optimised sanitizer build (CI's) also runs
#                 the code an -O0 build of the library runs (On-Demand's parser then has a
#                 buffer more, allocated as unchecked as its strings': walker.cpp)
set(BPV_SANITIZE "" CACHE STRING "Sanitizers for every target: \"address,undefined\", \"thread\", or empty")
option(BPV_FUZZ "Link fuzz targets with libFuzzer (clang); off: they replay files" OFF)
set(BPV_FUZZ_ENGINE "-fsanitize=fuzzer" CACHE STRING "Link flags of the fuzzing engine (with BPV_FUZZ)")
option(BPV_SIMDJSON_CHECKS "simdjson's development checks (SIMDJSON_DEVELOPMENT_CHECKS) in optimised builds too" OFF)

if(BPV_SIMDJSON_CHECKS)
  add_compile_definitions(SIMDJSON_DEVELOPMENT_CHECKS=1)  # every target: the parser's layout depends on it
  message(STATUS "bpv: simdjson's development checks on")
endif()

if(BPV_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "bpv: BPV_SANITIZE needs gcc or clang")
  endif()
  set(_bpv_san -fsanitize=${BPV_SANITIZE})
  if(NOT BPV_SANITIZE STREQUAL "thread")
    list(APPEND _bpv_san -fno-sanitize-recover=all)
  endif()
  list(APPEND _bpv_san -fno-omit-frame-pointer)
  add_compile_options(${_bpv_san})
  add_link_options(${_bpv_san})
  set(BPV_SANITIZE_FLAGS ${_bpv_san})  # the consumer tests build with them too
  message(STATUS "bpv: sanitizers: ${BPV_SANITIZE}")
endif()

if(BPV_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "bpv: BPV_FUZZ needs clang (libFuzzer); configure with the fuzz preset or CMAKE_CXX_COMPILER=clang++")
  endif()
  # Coverage feedback for the library and the targets; the engine itself is linked into the
  # fuzz targets only (fuzz/CMakeLists.txt). Another engine brings its own flags (CXXFLAGS).
  if(BPV_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
