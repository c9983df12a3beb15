// SPDX-License-Identifier: Apache-2.0
#include "safety/chain_guard.hpp"

#include "safety/public_chains.hpp"

#include <string>

namespace zkload::safety {

void check_chain_allowed(uint64_t chain_id, bool allowed)
{
    const auto chain = find_public_chain(chain_id);
    if (!chain || allowed)
        return;
    throw PublicChainRefused(
        "refusing to send transactions: the node serves " + std::string(chain->name) +
        " (chain id " + std::to_string(chain_id) +
        "), a public mainnet where they cost real money. Point --rpc-url at a devnet or testnet, "
        "or pass " +
        std::string(kAllowPublicChainFlag) + " if you mean it");
}

uint64_t check_node_allowed(rpc::Client& client, bool allowed)
{
    const uint64_t chain_id = client.chain_id();
    check_chain_allowed(chain_id, allowed);
    return chain_id;
}

}  // namespace zkload::safety
