// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "pool/state_file.hpp"
#include "rpc/client.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zkload::pool {

/// Which chain a node serves: the chain id alone does not tell two chains apart (every anvil is
/// 31337, many devnets are 270 or 1337), the genesis block hash mostly does.
struct ChainIdentity
{
    uint64_t chain_id = 0;
    Hash genesis_hash{};

    friend bool operator==(const ChainIdentity&, const ChainIdentity&) = default;
};

/// eth_chainId and eth_getBlockByNumber("0x0", false).hash, in one batch. Throws
/// rpc::RpcException when the node fails either call or has no genesis block to show.
ChainIdentity read_chain_identity(rpc::Client& client);

/// The state was recorded on a chain with this identity.
bool state_matches(const PoolState& state, const ChainIdentity& identity);

/// The contracts the state records (its contract map) that have no code on the node now
/// (eth_getCode is "0x"), in that order; one batch.
///
/// This is what catches a reset chain. A new anvil has the same chain id, and its genesis hash
/// depends only on its genesis block: two anvils started in the same second, or with the same
/// --timestamp, have the same one. So a matching identity does not prove that the funded pool
/// is still there; contracts that vanished do prove that it is not. (A state without contracts
/// falls back on the balance check, which a caller makes anyway.)
std::vector<Address> missing_contracts(rpc::Client& client, const PoolState& state);

/// Why the state cannot be reused on this node — another chain id, another genesis, or a
/// recorded contract without code — or nullopt when it can.
std::optional<std::string> stale_reason(rpc::Client& client,
                                        const PoolState& state,
                                        const ChainIdentity& identity);

}  // namespace zkload::pool
