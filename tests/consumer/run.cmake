# Builds and runs the consumer project (this folder) one way; run by ctest (tests/CMakeLists.txt).
#   cmake -DMODE=install|package|subdirectory|pkg-config -DWORK=DIR ... -P run.cmake
# install:      cmake --install BPV_BUILD into a fresh PREFIX (the fixture of the next two)
# package:      the consumer with find_package(bpv CONFIG) against PREFIX
# subdirectory: the consumer with add_subdirectory(SOURCE_DIR)
# pkg-config:   the consumer compiled by hand with `pkg-config --cflags --libs [--static] bpv`
# shared:       bpv built with BUILD_SHARED_LIBS into WORK, installed, the prefix moved; its
#               command line run from there, its exports looked at, then the consumer against it
# With C_ONLY=ON the consumer project enables C alone (a C service): package builds the C
# program only; subdirectory must be refused with a message that says what to do.
# Other variables: SOURCE_DIR, BPV_BUILD, PREFIX, PKGCONFIG_DIR, PKG_CONFIG, GENERATOR,
# MAKE_PROGRAM, C_COMPILER, CXX_COMPILER, BUILD_TYPE, FLAGS (compile and link, e.g. sanitizers),
# VERSION, EXAMPLE, STATIC (the library is static), PARALLEL.
cmake_minimum_required(VERSION 3.20)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(run_out "${out}" PARENT_SCOPE)
endfunction()

if(NOT C_ONLY)
  set(C_ONLY OFF)
endif()

# Runs the consumer programs on the example.
function(run_consumers dir)
  set(programs consumer_c)
  if(NOT C_ONLY)
    list(PREPEND programs consumer)
  endif()
  foreach(program ${programs})
    run("${dir}/${program}" "${EXAMPLE}")
    message(STATUS "${run_out}")
  endforeach()
endfunction()

separate_arguments(flags UNIX_COMMAND "${FLAGS}")
set(this_dir "${CMAKE_CURRENT_LIST_DIR}")

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE "${PREFIX}")
  run("${CMAKE_COMMAND}" --install "${BPV_BUILD}" --prefix "${PREFIX}" --config "${BUILD_TYPE}")
  foreach(f include/bpv/bpv.hpp include/bpv/bpv.h include/bpv/custom_rule.hpp)
    if(NOT EXISTS "${PREFIX}/${f}")
      message(FATAL_ERROR "not installed: ${f}")
    endif()
  endforeach()
  return()
endif()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

if(MODE STREQUAL "shared")
  # The library and command line alone, shared, installed, and the prefix moved elsewhere.
  run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK}/build" -G "${GENERATOR}" "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}"
      "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
      -DBUILD_SHARED_LIBS=ON -DBPV_BUILD_TESTS=OFF -DBPV_BUILD_BENCH=OFF)
  run("${CMAKE_COMMAND}" --build "${WORK}/build" --config "${BUILD_TYPE}" --parallel ${PARALLEL} --target bpv)
  run("${CMAKE_COMMAND}" --install "${WORK}/build" --prefix "${WORK}/installed" --config "${BUILD_TYPE}")
  file(RENAME "${WORK}/installed" "${WORK}/moved")
  set(PREFIX "${WORK}/moved")
  file(GLOB cli LIST_DIRECTORIES false "${PREFIX}/*/bpv")
  run("${cli}" --version)
  if(NOT run_out STREQUAL "bpv ${VERSION}\n")
    message(FATAL_ERROR "the moved install's bpv --version printed '${run_out}'")
  endif()
  run("${cli}" validate "${EXAMPLE}")
  # Only the public API is exported: bpv's names and the C API, no standard library instances.
  find_program(nm NAMES nm)
  file(GLOB_RECURSE solib "${PREFIX}/*/libbpv.so")
  if(nm AND solib)
    run("${nm}" -D -C --defined-only "${solib}")
    string(REGEX MATCHALL "[^\n]*std::[^\n]*" std_lines "${run_out}")
    set(foreign "")
    foreach(line IN LISTS std_lines)
      if(NOT line MATCHES " bpv::")
        string(APPEND foreign "${line}\n")
      endif()
    endforeach()
    if(foreign)
      message(FATAL_ERROR "libbpv.so exports more than the public API:\n${foreign}")
    endif()
  endif()
  set(MODE package)
  set(WORK "${WORK}/consumer")
  file(MAKE_DIRECTORY "${WORK}")
endif()

if(MODE STREQUAL "package" OR MODE STREQUAL "subdirectory")
  set(configure "${CMAKE_COMMAND}" -S "${this_dir}" -B "${WORK}" -G "${GENERATOR}"
      "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
      "-DCMAKE_C_FLAGS=${FLAGS}" "-DCMAKE_CXX_FLAGS=${FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}"
      "-DBPV_CONSUMER_MODE=${MODE}" "-DBPV_EXPECTED_VERSION=${VERSION}" "-DBPV_SOURCE_DIR=${SOURCE_DIR}"
      "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DBPV_CONSUMER_C_ONLY=${C_ONLY}")
  if(MAKE_PROGRAM)
    list(APPEND configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  if(MODE STREQUAL "subdirectory" AND C_ONLY)
    # CMake cannot build a C++ library's users in a directory without C++: refused, and told why.
    execute_process(COMMAND ${configure} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(rc EQUAL 0 OR NOT err MATCHES "bpv is a C\\+\\+ library")
      message(FATAL_ERROR "a C-only project adding bpv was not refused with the message (${rc}):\n${err}")
    endif()
    return()
  endif()
  run(${configure})
  run("${CMAKE_COMMAND}" --build "${WORK}" --config "${BUILD_TYPE}" --parallel ${PARALLEL})
  run_consumers("${WORK}")
elseif(MODE STREQUAL "pkg-config")
  set(ENV{PKG_CONFIG_PATH} "${PKGCONFIG_DIR}")
  set(static)
  if(STATIC)
    set(static --static)  # a static libbpv brings simdjson and the C++ runtime (Libs.private)
  endif()
  run("${PKG_CONFIG}" --cflags bpv)
  # bpv's headers use nothing of simdjson: none of its flags reach the consumer's compiles.
  if(run_out MATCHES "SIMDJSON|simdjson")
    message(FATAL_ERROR "pkg-config --cflags bpv passes simdjson's flags on: ${run_out}")
  endif()
  separate_arguments(cflags UNIX_COMMAND "${run_out}")
  run("${PKG_CONFIG}" --libs ${static} bpv)
  separate_arguments(libs UNIX_COMMAND "${run_out}")
  if(NOT STATIC)
    run("${PKG_CONFIG}" --variable=libdir bpv)
    string(STRIP "${run_out}" libdir)
    set(ENV{LD_LIBRARY_PATH} "${libdir}")
  endif()
  run("${CXX_COMPILER}" -std=c++20 ${flags} ${cflags} "-DBPV_EXPECTED_VERSION=\"${VERSION}\""
      "${this_dir}/consumer.cpp" -o "${WORK}/consumer" ${libs})
  # C, linked by the C compiler: the .pc file must name what C++ code needs.
  run("${C_COMPILER}" -std=c99 ${flags} ${cflags} "-DBPV_EXPECTED_VERSION=\"${VERSION}\""
      "${this_dir}/consumer.c" -o "${WORK}/consumer_c" ${libs})
  run_consumers("${WORK}")
else()
  message(FATAL_ERROR "MODE must be install, package, subdirectory or pkg-config")
endif()
