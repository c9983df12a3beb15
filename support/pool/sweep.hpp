// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "pool/wallets.hpp"
#include "rpc/client.hpp"

#include <chrono>
#include <optional>
#include <span>

namespace zkload::pool {

struct SweepReport
{
    size_t token_transfers = 0;
    size_t eth_transfers = 0;
    /// Wallets holding tokens but too little ETH to pay for moving them: they keep the tokens
    /// (top them up with --fund and sweep again) instead of stopping the whole sweep.
    size_t token_stuck = 0;
    U256 token_returned;
    U256 eth_returned;
};

/// The way back for funds: every wallet sends its tokens, then its ETH less the transfer's fee,
/// to `to` (the funder). Wallets whose ETH would not cover the fee keep that dust. Runs all
/// wallets' transfers in parallel (one transaction each per asset). On a zkSync chain they are
/// 0x71 transactions at the node's fees and estimated gas.
SweepReport sweep(rpc::Client& client,
                  std::span<const Wallet> wallets,
                  const Address& to,
                  const std::optional<Address>& token,
                  std::chrono::milliseconds timeout);

}  // namespace zkload::pool
