// SPDX-License-Identifier: Apache-2.0
#include "rpc/automine.hpp"

#include <algorithm>

namespace zkload::rpc {

bool automines(Client& client)
{
    const std::vector<Reply> replies = client.batch(
        {{"anvil_getAutomine", nlohmann::json::array()}, {"hardhat_getAutomine", nlohmann::json::array()}});
    return std::any_of(replies.begin(), replies.end(),
                       [](const Reply& reply) { return reply.ok() && reply.result == true; });
}

bool is_automining_anvil(Client& client)
{
    // automines() first: a node that is no dev node answers it with errors, and need not know
    // web3_clientVersion at all.
    return automines(client) && client.client_version().starts_with("anvil");
}

}  // namespace zkload::rpc
