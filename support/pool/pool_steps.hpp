// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "pool/payments.hpp"
#include "pool/wallet_pool.hpp"

namespace zkload::pool {

/// The steps of WalletPool::prepare, each small enough to test and reason about alone.

/// Waits (bounded) until no sender has a pending transaction: one left in flight by a killed
/// earlier run (the funder's, or a distributor's) could land after the balances are read and
/// pay a wallet twice. Returns whether it had to wait, i.e. balances read before are stale.
bool wait_until_settled(rpc::Client& client,
                        std::span<const Address> senders,
                        std::chrono::milliseconds timeout);

/// Contracts still to deploy before funding, by registered name (contracts/registry.hpp), in
/// deployment order; each is allowed kDeployGas at the max fee.
using Deployments = std::vector<std::string>;
inline constexpr uint64_t kDeployGas = 3'000'000;

/// The contracts of `wanted` that `state` does not record, in the order of `wanted`, once each.
/// Throws PoolError, before anything is sent, for a name the contract registry does not know.
Deployments missing_from(const PoolState& state, std::span<const std::string> wanted);

/// Deploys what `deployments` names (contracts not yet on this chain), recording each
/// address in the state file before its transaction is sent, so that a crash never deploys
/// twice. On a `dev_node` (funding by dev RPC) it asks for a block at once instead of waiting
/// for the next one. Sets `chain`'s token and multisend from the state.
void ensure_contracts(rpc::Client& client,
                      Payer& payer,
                      FundingChain& chain,
                      const Deployments& deployments,
                      PoolState& state,
                      const std::filesystem::path& state_path,
                      PoolReport& report,
                      bool dev_node,
                      std::chrono::milliseconds timeout);

/// Sets the short wallets' balances to exactly `need` through dev RPC; returns 0 transactions.
size_t set_dev_balances(rpc::Client& client,
                        const std::string& set_balance_method,
                        const std::optional<Address>& token,
                        std::span<const Wallet> recipients,
                        std::span<const Payment> payments,
                        const Need& need);


/// Throws PoolError naming the shortfall when the funder cannot pay for the deployments, the
/// payments and their fees (with the tree's extra round when `tree`); called before anything is
/// sent. A token still to deploy counts as the initial supply the funder will hold.
void check_funder_can_pay(rpc::Client& client,
                          const Address& funder,
                          const FundingChain& chain,
                          std::span<const Payment> payments,
                          bool tree,
                          const Deployments& deployments);

}  // namespace zkload::pool
