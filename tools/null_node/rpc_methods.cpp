// SPDX-License-Identifier: Apache-2.0
#include "rpc_methods.hpp"

namespace zkload::null_node {

MethodHandler find_method(std::string_view name)
{
    static const MethodTable table = []
    {
        MethodTable methods;
        add_fixed_answer_methods(methods);
        add_chain_methods(methods);
        return methods;
    }();
    const auto found = table.find(name);
    return found == table.end() ? nullptr : found->second;
}

const nlohmann::json* positional(const nlohmann::json& params, size_t i)
{
    if (!params.is_array() || i >= params.size())
        return nullptr;
    return &params[i];
}

}  // namespace zkload::null_node
