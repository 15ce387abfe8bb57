# Profile-guided optimisation of the library (GCC), in two builds of one build tree:
#   BPV_PGO=generate  the library's objects count what runs; bpv_train (bench/train.cpp) runs a
#                     service's workload and writes the counts (.gcda) beside the objects
#   BPV_PGO=use       the library's objects are compiled again with those counts
# scripts/pgo-build runs both steps; bench/run --pgo measures the result. Only the library is
# optimised from the profile: what links it (the command line, the benchmarks' peers and floor)
# is compiled as in any build. Code the workload never ran keeps the ordinary optimisation
# (-fprofile-partial-training), so that rare inputs are not left with code tuned for size.
set(BPV_PGO "" CACHE STRING "Profile-guided optimisation of the library (GCC): \"\", generate or use (scripts/pgo-build)")
set_property(CACHE BPV_PGO PROPERTY STRINGS "" generate use)

function(bpv_pgo)
  if(NOT BPV_PGO)
    return()
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "bpv: BPV_PGO is written for GCC's profiles (this build's compiler is ${CMAKE_CXX_COMPILER_ID})")
  endif()
  if(BPV_PGO STREQUAL "generate")
    # One thread trains: the counters need no atomic updates.
    set(flags -fprofile-generate -fprofile-update=single)
    # Whatever links the library links GCC's profiling runtime too.
    target_link_options(bpv_lib PUBLIC -fprofile-generate)
    if(TARGET bpv_internal)  # in shared builds, a static copy of the objects
      get_target_property(_aliased bpv_internal ALIASED_TARGET)
      if(NOT _aliased)
        target_link_options(bpv_internal PUBLIC -fprofile-generate)
      endif()
    endif()
  elseif(BPV_PGO STREQUAL "use")
    # -Wno-missing-profile: a build that was not trained compiles as an ordinary one.
    # -Wno-error=coverage-mismatch: a source changed since the training still builds (GCC's
    # default makes it an error), with a warning that its profile is out of date and is not
    # used for what changed; scripts/pgo-build makes a fresh one.
    set(flags -fprofile-use -fprofile-partial-training -fprofile-correction -Wno-missing-profile
        -Wno-error=coverage-mismatch)
  else()
    message(FATAL_ERROR "bpv: BPV_PGO is \"\", generate or use, not \"${BPV_PGO}\"")
  endif()
  foreach(t bpv_grammar bpv_objects)
    target_compile_options(${t} PRIVATE ${flags})
  endforeach()
  message(STATUS "bpv: profile-guided optimisation: ${BPV_PGO}")
endfunction()
