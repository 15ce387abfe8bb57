# Install rules: headers, the library, the CMake package (bpvConfig.cmake, its version file,
# bpvTargets.cmake giving bpv::bpv) and bpv.pc. Included by the top-level CMakeLists.txt.
include(CMakePackageConfigHelpers)

set(BPV_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/bpv" CACHE STRING "Where bpvConfig.cmake goes, under the prefix")
set(BPV_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING "Where bpv.pc goes, under the prefix")

install(DIRECTORY include/bpv DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT bpv_development)
install(TARGETS bpv_lib EXPORT bpvTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT bpv_development
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT bpv_runtime NAMELINK_COMPONENT bpv_development
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT bpv_runtime)
if(TARGET bpv)
  install(TARGETS bpv RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT bpv_runtime)
endif()

# A static libbpv needs simdjson at the consumer's link; date is header-only and stays inside.
if(_bpv_type STREQUAL "STATIC_LIBRARY")
  set(BPV_CONFIG_STATIC ON)
else()
  set(BPV_CONFIG_STATIC OFF)
endif()
install(EXPORT bpvTargets NAMESPACE bpv:: DESTINATION ${BPV_INSTALL_CMAKEDIR} COMPONENT bpv_development)
export(EXPORT bpvTargets NAMESPACE bpv:: FILE ${PROJECT_BINARY_DIR}/bpvTargets.cmake)
configure_package_config_file(cmake/bpvConfig.cmake.in ${PROJECT_BINARY_DIR}/bpvConfig.cmake
  INSTALL_DESTINATION ${BPV_INSTALL_CMAKEDIR})
# As the soname (CMakeLists.txt): before 1.0, the same minor version only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/bpvConfigVersion.cmake COMPATIBILITY ${BPV_COMPATIBILITY})
install(FILES ${PROJECT_BINARY_DIR}/bpvConfig.cmake ${PROJECT_BINARY_DIR}/bpvConfigVersion.cmake
  DESTINATION ${BPV_INSTALL_CMAKEDIR} COMPONENT bpv_development)

# bpv.pc: relocatable (the prefix is found from the file's own place, ${pcfiledir}).
function(bpv_pc_dir out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${BPV_INSTALL_PKGCONFIGDIR}")
  set(BPV_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _bpv_up "/prefix/${BPV_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" _bpv_up "${_bpv_up}")
  set(BPV_PC_PREFIX "\${pcfiledir}/${_bpv_up}")
endif()
bpv_pc_dir(BPV_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
bpv_pc_dir(BPV_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
if(BPV_CONFIG_STATIC)
  # What a static libbpv brings into a consumer's link: simdjson, and the C++ runtime for C
  # consumers (the libraries the C++ compiler links beyond what the C compiler does). simdjson
  # as a library, not a Requires.private: pkg-config would pass its compile flags on too
  # (-DSIMDJSON_THREADS_ENABLED=1), and bpv's headers do not use it. Its directory is named
  # when the linker would not look there.
  set(BPV_PC_CFLAGS "")
  set(BPV_PC_LIBS_PRIVATE "-lsimdjson")
  get_target_property(_bpv_simdjson_configs simdjson::simdjson IMPORTED_CONFIGURATIONS)
  if(_bpv_simdjson_configs)
    list(GET _bpv_simdjson_configs 0 _bpv_simdjson_config)
    get_target_property(_bpv_simdjson_lib simdjson::simdjson IMPORTED_LOCATION_${_bpv_simdjson_config})
    if(_bpv_simdjson_lib)
      get_filename_component(_bpv_simdjson_dir "${_bpv_simdjson_lib}" DIRECTORY)
      if(NOT _bpv_simdjson_dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
        set(BPV_PC_LIBS_PRIVATE "-L${_bpv_simdjson_dir} -lsimdjson")
      endif()
    endif()
  endif()
  foreach(lib IN LISTS BPV_CXX_RUNTIME_LIBS)  # (CMakeLists.txt)
    string(APPEND BPV_PC_LIBS_PRIVATE " -l${lib}")
  endforeach()
  string(STRIP "${BPV_PC_LIBS_PRIVATE}" BPV_PC_LIBS_PRIVATE)
else()
  set(BPV_PC_CFLAGS " -DBPV_SHARED")
  set(BPV_PC_LIBS_PRIVATE "")
endif()
configure_file(cmake/bpv.pc.in ${PROJECT_BINARY_DIR}/bpv.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/bpv.pc DESTINATION ${BPV_INSTALL_PKGCONFIGDIR} COMPONENT bpv_development)
