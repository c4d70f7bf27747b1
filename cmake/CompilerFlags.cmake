# Warnings are errors everywhere; sanitizers and fuzzing are opt-in build modes.
add_compile_options(-Wall -Wextra -Werror -Wno-unused-parameter)
# DWARF 4: Debian 12's valgrind (callgrind, our instruction-count profiler) cannot read clang's
# default DWARF 5.
add_compile_options(-gdwarf-4)
if(CMAKE_BUILD_TYPE STREQUAL "RelWithDebInfo")
  # -g1 keeps line tables for profiles and stack traces without the full debug-info build cost.
  string(REPLACE "-g" "-g1" CMAKE_CXX_FLAGS_RELWITHDEBINFO "${CMAKE_CXX_FLAGS_RELWITHDEBINFO}")
endif()
if(TF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
if(TF_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TF_BUILD_FUZZ needs clang (libFuzzer)")
  endif()
  # Coverage instrumentation for every library so the fuzzers see inside them.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Precompiled headers: the standard library and core's most included headers, parsed once per
# target instead of once per file. Off by default so that a missing #include still fails in
# developer builds; scripts/bootstrap and scripts/test-all turn it on to keep CI's clean builds
# inside their time budget.
option(TF_PCH "Precompile common headers in every target" OFF)
set(TF_PCH_HEADERS
  <algorithm> <cstdint> <functional> <map> <memory> <optional> <span> <string> <string_view>
  <unordered_map> <utility> <variant> <vector>
  "${PROJECT_SOURCE_DIR}/src/core/status.h" "${PROJECT_SOURCE_DIR}/src/core/value.h")
function(tf_precompile target)
  if(TF_PCH)
    target_precompile_headers(${target} PRIVATE ${TF_PCH_HEADERS} ${ARGN})
  endif()
endfunction()

# Adds a module library with the project's include root. Each module lists its own sources and
# links exactly the modules its README allows.
function(tf_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(tf_${name} STATIC ${ARG_SOURCES})
  target_include_directories(tf_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(tf_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  tf_precompile(tf_${name})
endfunction()

# Adds one GoogleTest executable per module and registers its tests with CTest.
function(tf_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    TF_SOURCE_DIR="${PROJECT_SOURCE_DIR}" TF_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  tf_precompile(${name} <gmock/gmock.h> <gtest/gtest.h>)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600)
endfunction()

# Adds a libFuzzer target (only configured with TF_BUILD_FUZZ=ON, which requires clang). Its seed
# corpus lives in fuzz/corpus/<name>/ and scripts/test-all runs it for a bounded time.
function(tf_fuzz name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endfunction()
