# SPDX-License-Identifier: Apache-2.0
# What makes a two-core build take minutes rather than a quarter of an hour. Each setting here
# was kept because it measured (tools/build-times prints where a build's time went); the
# README's "Building" section has the figures.

# Debug information of RelWithDebInfo (what tools/test and tools/bench build). Full DWARF (-g)
# was 40% of the compile time of a JSON-heavy test file (11.4 s -> 6.9 s): the templates of
# nlohmann/json, Boost.Multiprecision and GoogleTest describe every local. Line tables (-g1) keep
# what profiles and backtraces need: function names, inlined frames' files and lines. `full`
# brings back locals and arguments for a debugging session; a Debug build keeps -g.
set(ZKLOAD_DEBUG_INFO "lines" CACHE STRING
    "RelWithDebInfo debug information: lines (-g1, the default) | full (-g)")
set_property(CACHE ZKLOAD_DEBUG_INFO PROPERTY STRINGS lines full)
if(ZKLOAD_DEBUG_INFO STREQUAL "lines")
    # After CMAKE_CXX_FLAGS_<CONFIG> on the command line, so it overrides their -g.
    add_compile_options($<$<CONFIG:RelWithDebInfo>:-g1>)
elseif(NOT ZKLOAD_DEBUG_INFO STREQUAL "full")
    message(FATAL_ERROR "ZKLOAD_DEBUG_INFO is \"${ZKLOAD_DEBUG_INFO}\": use lines or full")
endif()

# The mold linker, when installed (tools/bootstrap installs it): every test executable links
# the whole support library.
option(ZKLOAD_MOLD "Link with mold when it is installed" ON)
find_program(ZKLOAD_MOLD_PROGRAM mold)
if(ZKLOAD_MOLD AND ZKLOAD_MOLD_PROGRAM)
    include(CheckLinkerFlag)
    check_linker_flag(CXX -fuse-ld=mold ZKLOAD_LINKER_TAKES_MOLD)
    if(ZKLOAD_LINKER_TAKES_MOLD)
        add_link_options(-fuse-ld=mold)
    endif()
endif()

# ccache, on request (-DZKLOAD_CCACHE=ON, with Debian's ccache installed). Measured on two
# cores: a rebuild of the same folder from scratch takes 26 s instead of ~240 s, but a first build
# takes 20-40% longer (301 s against 228-248 s) and a clone in another folder gets no hits (the
# tests compile their own paths in), so a newcomer's first run and CI would only pay for it.
# Depend mode: on a miss it does not run the preprocessor a second time.
option(ZKLOAD_CCACHE "Compile through ccache (must be installed)" OFF)
if(ZKLOAD_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    find_program(ZKLOAD_CCACHE_PROGRAM ccache)
    if(NOT ZKLOAD_CCACHE_PROGRAM)
        message(FATAL_ERROR "ZKLOAD_CCACHE is ON but ccache is not installed: apt install ccache")
    endif()
    set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env CCACHE_DEPEND=1
        CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
        ${ZKLOAD_CCACHE_PROGRAM})
endif()

# Precompiled headers: the third-party and standard headers nearly every translation unit reads,
# parsed once per build instead of once per file. Two of them, one for the libraries and
# programs and one with GoogleTest for the tests; every target reuses one (zkload_use_pch).
option(ZKLOAD_PCH "Precompile the heavy third-party headers once for all targets" ON)
set(ZKLOAD_PCH_HEADERS
    <algorithm> <array> <atomic> <chrono> <cstdint> <cstring> <filesystem> <fstream>
    <functional> <map> <memory> <mutex> <optional> <span> <sstream> <stdexcept> <string>
    <string_view> <thread> <unordered_map> <utility> <variant> <vector>
    <boost/multiprecision/cpp_int.hpp> <nlohmann/json.hpp>)

function(zkload_pch_target name)
    cmake_parse_arguments(ARG "" "" "HEADERS;LINK" ${ARGN})
    add_library(${name} OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch_anchor.cpp)
    target_link_libraries(${name} PRIVATE ${ARG_LINK})
    target_precompile_headers(${name} PRIVATE ${ZKLOAD_PCH_HEADERS} ${ARG_HEADERS})
endfunction()

# zkload_use_pch(<target> [TESTS]): <target> reads the shared precompiled header (with TESTS,
# the one that also holds GoogleTest). -Winvalid-pch: a header that stops matching the target's
# flags is a warning (an error in CI), not a silent return to slow builds.
function(zkload_use_pch target)
    if(NOT ZKLOAD_PCH)
        return()
    endif()
    cmake_parse_arguments(ARG "TESTS" "" "" ${ARGN})
    if(ARG_TESTS)
        set(from zkload_pch_tests)
    else()
        set(from zkload_pch)
    endif()
    if(NOT TARGET ${from})
        if(ARG_TESTS)
            zkload_pch_target(${from} HEADERS <gtest/gtest.h> LINK
                Boost::headers nlohmann_json::nlohmann_json GTest::gtest)
        else()
            zkload_pch_target(${from} LINK Boost::headers nlohmann_json::nlohmann_json)
        endif()
    endif()
    target_precompile_headers(${target} REUSE_FROM ${from})
    target_compile_options(${target} PRIVATE -Winvalid-pch)
    # GCC 12 has false -Warray-bounds, -Wstringop-overflow and -Wstringop-overread reports
    # inside libstdc++'s std::string copies (fixed in GCC 13). It keeps them quiet as a system
    # header's, except when <string> comes from a precompiled header. So with GCC 12 and the PCH
    # those three warnings are off; a -DZKLOAD_PCH=OFF build still reports them.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(${target} PRIVATE
            -Wno-array-bounds -Wno-stringop-overflow -Wno-stringop-overread)
    endif()
endfunction()

# Every C++ target of the project reads one of the two, chosen by whether it links GoogleTest.
# Called once at the end of the top-level CMakeLists.txt, when all targets exist.
function(zkload_use_pch_everywhere)
    set(folders ${PROJECT_SOURCE_DIR})
    while(folders)
        list(POP_FRONT folders folder)
        get_property(subfolders DIRECTORY ${folder} PROPERTY SUBDIRECTORIES)
        list(APPEND folders ${subfolders})
        get_property(targets DIRECTORY ${folder} PROPERTY BUILDSYSTEM_TARGETS)
        foreach(target IN LISTS targets)
            get_target_property(type ${target} TYPE)
            if(NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|OBJECT_LIBRARY)$"
               OR target MATCHES "^zkload_pch")
                continue()
            endif()
            get_target_property(links ${target} LINK_LIBRARIES)
            if(links MATCHES "GTest::")
                zkload_use_pch(${target} TESTS)
            else()
                zkload_use_pch(${target})
            endif()
        endforeach()
    endwhile()
endfunction()
