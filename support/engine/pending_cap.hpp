// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/errors.hpp"

#include <cstdint>
#include <string_view>

namespace zkload::engine {

/// How many transactions of one account a node keeps waiting for a block, as its source or
/// default configuration says; `--max-pending-per-wallet auto` starts from it.
///  - zkSync Era: a nonce is accepted up to `max_nonce_ahead` (50 in the API server's library
///    defaults, 200 in the dev configuration) above the account's nonce at the last sealed block.
///  - geth, reth and erigon pools guarantee 16 executable slots per account (geth
///    `--txpool.accountslots`, reth `--txpool.max-account-slots`, erigon `--txpool.accountslots`);
///    more are taken while the pool has room, and evicted first under pressure.
///  - anvil keeps any number per account and promotes future nonces; so does our null node.
/// An unknown client gets the conservative 16.
uint64_t node_pending_allowance(std::string_view client_version, bool zksync_chain);

/// The largest allowance `auto` uses on a node without a limit: past it more nonces per wallet
/// only lengthen queues, and a pool of ≥ 8 wallets already covers 8,000 transactions per block.
inline constexpr uint64_t kUnlimitedPendingAllowance = 1024;

/// True for the refusals that mean "this account has too many transactions waiting" or "the
/// pool is full": the adaptive cap shrinks on them.
bool means_too_many_pending(rpc::ErrorClass error_class);

/// The cap after such a refusal of a wallet that had `pending` transactions awaiting a block
/// (the refused one not counted): what the node did take, at least 1, never above `cap`.
inline uint64_t shrunk_cap(uint64_t cap, uint64_t pending)
{
    const uint64_t taken = pending == 0 ? 1 : pending;
    return taken < cap ? taken : cap;
}

}  // namespace zkload::engine
