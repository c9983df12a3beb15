// SPDX-License-Identifier: Apache-2.0
#include "contracts/registry.hpp"

#include "contracts/deploy.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace zkload {
namespace {

struct Recipe
{
    std::string_view name;
    Bytes (*creation_code)();
};

Bytes pool_token_creation_code()
{
    return token_creation_code(pool_token_supply());
}

constexpr std::array<Recipe, 2> kRecipes = {{
    {kTokenContract, &pool_token_creation_code},
    {kMultisendContract, &multisend_creation_code},
}};

constexpr std::array<std::string_view, kRecipes.size()> kNames = [] {
    std::array<std::string_view, kRecipes.size()> names{};
    for (size_t i = 0; i < kRecipes.size(); ++i)
        names[i] = kRecipes[i].name;
    return names;
}();

}  // namespace

U256 pool_token_supply()
{
    return U256(1'000'000'000) * U256(1'000'000'000'000'000'000ull);
}

std::span<const std::string_view> registered_contracts()
{
    return kNames;
}

void require_registered(std::string_view name)
{
    if (std::find(kNames.begin(), kNames.end(), name) != kNames.end())
        return;
    std::string known;
    for (const auto registered : kNames)
        known += (known.empty() ? "" : ", ") + std::string(registered);
    throw std::invalid_argument("no contract is registered as \"" + std::string(name) +
                                "\" (registered: " + known + ")");
}

Bytes registered_creation_code(std::string_view name)
{
    require_registered(name);
    const auto recipe = std::find_if(kRecipes.begin(), kRecipes.end(),
                                     [name](const Recipe& r) { return r.name == name; });
    return recipe->creation_code();
}

}  // namespace zkload
