// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace zkload::test {

/// A path from the environment if set there, else the default the test build compiled in
/// (tests/CMakeLists.txt: the pinned anvil, the oracle vectors folder, the source tree).
inline std::string env_or(const char* name, const char* built_in)
{
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : built_in;
}

inline std::string anvil_path() { return env_or("ZKLOAD_ANVIL", ZKLOAD_TEST_ANVIL); }
inline std::filesystem::path vectors_dir()
{
    return env_or("ZKLOAD_VECTORS_DIR", ZKLOAD_TEST_VECTORS_DIR);
}
inline std::filesystem::path source_dir()
{
    return env_or("ZKLOAD_SOURCE_DIR", ZKLOAD_TEST_SOURCE_DIR);
}

}  // namespace zkload::test
