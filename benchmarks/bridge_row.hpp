// SPDX-License-Identifier: Apache-2.0
// What one bridge row (deposit_*, withdraw_*) works with once prepared, shared read-only by its
// workers, and how it is prepared: discovery, funded L1 wallets, and for withdrawals the same
// wallets funded on L2 by deposits (what works on any zkSync chain: no L2 contract to deploy).
#pragma once

#include "pool/wallets.hpp"
#include "zksync/chain_txn.hpp"
#include "zksync/discovery.hpp"

#include <string>
#include <vector>

namespace zkload::bench {

enum class BridgeFlow
{
    deposit_eth,
    deposit_erc20,
    withdraw_eth,
    withdraw_erc20,
};

/// "deposit_eth", "deposit_erc20", "withdraw_eth", "withdraw_erc20".
std::string_view to_string(BridgeFlow flow);

inline bool is_deposit(BridgeFlow flow)
{
    return flow == BridgeFlow::deposit_eth || flow == BridgeFlow::deposit_erc20;
}

struct BridgeRow
{
    BridgeFlow flow = BridgeFlow::deposit_eth;
    std::string l1_url;
    std::string l2_url;
    zksync::BridgeAddresses bridge;
    /// One per worker; a withdrawal row uses the same key on L2 (same address on both chains).
    std::vector<pool::Wallet> wallets;
    std::optional<Address> l1_token;
    std::optional<Address> l2_token;
    U256 amount;
    zksync::Patience patience;
    bool finalize = true;
};

/// L2 gas each withdrawal is funded for (at twice the L2's fees now). zkSync Era's withdrawals
/// use a few hundred thousand; unused funds stay in the wallet for the next run.
inline constexpr uint64_t kL2GasPerWithdrawal = 2'000'000;

/// Everything before the clock starts: the L1 must not be a public mainnet unless allowed,
/// the L2 must be zkSync (else BridgeError(unsupported) saying what the rows need), discovery,
/// L1 wallets funded by the pool for `per_worker` operations, the pool's ERC20 for the ERC20
/// rows, and for withdrawals deposits to the wallets' own L2 addresses (ETH short of the
/// operations' value and fees; the tokens of an ERC20 row). Throws with the cause.
BridgeRow prepare_bridge_row(BridgeFlow flow, size_t concurrency, uint64_t per_worker,
                             const std::string& l2_url);

}  // namespace zkload::bench
