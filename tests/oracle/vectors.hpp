// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace zkload::test {

/// Loads <ZKLOAD_VECTORS_DIR>/<name>.json, written by the npm oracle scripts in tools/oracle
/// (ctest runs them first as the fixture "oracle_vectors"). Throws with a readable message if
/// the file is missing or is not JSON, so a test cannot pass on an empty set.
nlohmann::json load_vectors(std::string_view name);

}  // namespace zkload::test
