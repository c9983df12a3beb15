# SPDX-License-Identifier: Apache-2.0
# Run at every build (cmake -P): writes the current git sha into a header, touching it only when
# the sha changed, so results always name the commit that produced them without needless rebuilds.
execute_process(COMMAND git rev-parse --short=12 HEAD
    WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE sha OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 0 OR sha STREQUAL "")
    set(sha "unknown")
endif()
execute_process(COMMAND git status --porcelain --untracked-files=no
    WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE dirty ERROR_QUIET)
if(NOT dirty STREQUAL "")
    string(APPEND sha "-dirty")
endif()
set(content "#pragma once\n#define ZKLOAD_GIT_SHA \"${sha}\"\n")
if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL content)
    file(WRITE "${OUTPUT}" "${content}")
endif()
