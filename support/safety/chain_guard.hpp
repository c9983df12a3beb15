// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace zkload::safety {

/// The flag that lets zkload send to a public mainnet. Long on purpose: nobody types it by
/// accident, and a script that carries it says what it does.
inline constexpr std::string_view kAllowPublicChainFlag = "--i-understand-this-is-a-public-mainnet";

/// The node serves a public mainnet and the user did not pass kAllowPublicChainFlag. The
/// message names the chain, its id and the flag.
class PublicChainRefused : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Throws PublicChainRefused when `chain_id` is a public mainnet (public_chains.hpp) and
/// `allowed` is false; otherwise returns. Pure, so tests need no node.
void check_chain_allowed(uint64_t chain_id, bool allowed);

/// Asks the node for its chain id (eth_chainId) and applies check_chain_allowed. Call it before
/// the first transaction of a run: funding, sweeping or a load row. Returns the chain id; throws
/// rpc::RpcException when the node does not answer.
uint64_t check_node_allowed(rpc::Client& client, bool allowed);

}  // namespace zkload::safety
