// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace zkload::test {

/// A path the test build passes in through the environment (ctest sets these).
inline std::string env_path(const char* name)
{
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        throw std::runtime_error(std::string(name) + " is not set: run the tests through ctest");
    return value;
}

inline std::string anvil_path() { return env_path("ZKLOAD_ANVIL"); }
inline std::filesystem::path vectors_dir() { return env_path("ZKLOAD_VECTORS_DIR"); }
inline std::filesystem::path source_dir() { return env_path("ZKLOAD_SOURCE_DIR"); }

}  // namespace zkload::test
