// SPDX-License-Identifier: Apache-2.0
// The token an approval-based paymaster takes its fees in: the pool's wallets hold it instead of
// ETH for fees, topped up by the funder.
#pragma once

#include "pool/payments.hpp"
#include "pool/wallet_pool.hpp"

namespace zkload::pool {

/// The top-ups of the paymaster's token the wallets need, checked against what the funder holds.
struct FeeTokenPlan
{
    FundingChain chain;
    std::vector<Payment> payments;
};

/// Reads every wallet's balance of `token` and plans a top-up to `need` (base units) for each
/// below 90% of it: one transfer(wallet, amount) call from the funder each, 0x71 (a paymaster
/// pays only on zkSync). Sends nothing; throws PoolError when the funder lacks the tokens or the
/// ETH for the transfers' fees, or the chain is not zkSync. Called before the pool is funded, so
/// that a funder short of the token stops the run before anything at all is sent.
FeeTokenPlan plan_fee_token(rpc::Client& client,
                            const Address& funder,
                            std::span<const Wallet> wallets,
                            const Address& token,
                            const U256& need);

/// Sends the plan's transfers (in waves, zkSync's nonces-ahead window) and waits for them;
/// returns how many it sent.
size_t pay_fee_token(rpc::Client& client,
                     const PrivateKey& funder,
                     const FeeTokenPlan& plan,
                     std::chrono::milliseconds timeout);

}  // namespace zkload::pool
