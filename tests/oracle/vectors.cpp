// SPDX-License-Identifier: Apache-2.0
#include "vectors.hpp"

#include "test_env.hpp"

#include <fstream>
#include <stdexcept>

namespace zkload::test {

nlohmann::json load_vectors(std::string_view name)
{
    const auto path = vectors_dir() / (std::string(name) + ".json");
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("oracle vectors not found at " + path.string() +
                                 ": run ctest, which generates them with tools/oracle first");
    nlohmann::json vectors = nlohmann::json::parse(in);
    if (!vectors.is_object() || !vectors.contains("vectors") || vectors["vectors"].empty())
        throw std::runtime_error("oracle vectors at " + path.string() + " hold no vectors");
    return vectors;
}

}  // namespace zkload::test
