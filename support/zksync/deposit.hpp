// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zksync/bridge_calldata.hpp"
#include "zksync/chain_txn.hpp"
#include "zksync/discovery.hpp"

#include <optional>

namespace zkload::zksync {

/// L2 gas limits used when zks_estimateGasL1ToL2 is not available (no L2 node, or it fails):
/// 1,000,000 for an ETH deposit (what `zkstack dev rich-account` sends; a plain transfer uses
/// far less) and 2,000,000 for an ERC20 deposit (the first deposit of a token deploys its L2
/// bridged token). Unused gas is refunded on L2 to the refund recipient.
inline constexpr uint64_t kFallbackEthDepositL2Gas = 1'000'000;
inline constexpr uint64_t kFallbackErc20DepositL2Gas = 2'000'000;

/// Gas added to a deposit's L1 estimate. A request appends to the chain's priority tree, whose
/// cost grows when other requests land before it in the same block: with 16 concurrent
/// depositors on the v29 contracts, +20% (what zksync-ethers adds) ran out of gas in the Mailbox.
inline constexpr unsigned kDepositGasMarginPercent = 50;

/// One deposit to make.
struct DepositOptions
{
    Address receiver{};
    U256 amount;
    /// The L1 token; nullopt deposits ETH.
    std::optional<Address> token;
    /// Nullopt: zks_estimateGasL1ToL2 for ETH where an L2 node is given, else the fallbacks.
    std::optional<uint64_t> l2_gas_limit;
    /// Nullopt: the L1 node's fees now.
    std::optional<Pricing> pricing;
    /// Where L2 refunds go; nullopt: the depositor.
    std::optional<Address> refund_recipient;
    Patience l1_patience{};
};

/// The L1 call of a deposit and the figures it was built from. The base cost is
/// Bridgehub.l2TransactionBaseCost at pricing.max_fee_per_gas: the highest gas price the
/// transaction can pay, so the contract's check against the price it does pay holds at any
/// base fee (and exactly at max_fee when the tip equals it).
struct DepositPlan
{
    ContractCall call;
    U256 base_cost;
    U256 mint_value;
    uint64_t l2_gas_limit = 0;
    Pricing pricing;
};

/// A deposit included on L1.
struct DepositResult
{
    DepositPlan plan;
    /// ERC20 only: the approval of the vault.
    std::optional<IncludedTxn> approval;
    IncludedTxn l1;
    /// From the NewPriorityRequest log.
    Hash l2_hash{};
};

/// ETH: requestL2TransactionDirect with mintValue = baseCost + amount, msg.value = mintValue.
DirectRequest eth_deposit_request(uint64_t chain_id, const U256& base_cost, const Address& receiver,
                                  const U256& amount, uint64_t l2_gas_limit, const Address& refund);
/// ERC20: requestL2TransactionTwoBridges with mintValue = baseCost (msg.value), second bridge
/// the L1 asset router, its calldata version 1 with the vault's transfer data.
TwoBridgesRequest erc20_deposit_request(uint64_t chain_id, const U256& base_cost,
                                        const Address& asset_router, const Hash& asset_id,
                                        const Address& token, const U256& amount,
                                        const Address& receiver, uint64_t l2_gas_limit,
                                        const Address& refund);

/// Bridgehub.l2TransactionBaseCost(chain, gas_price, l2_gas_limit, 800).
U256 l2_base_cost(rpc::Client& l1, const BridgeAddresses& bridge, const U256& gas_price,
                  uint64_t l2_gas_limit);

/// The token's asset id in the vault, or the one the vault will give it on its first deposit.
Hash l1_asset_id(rpc::Client& l1, const BridgeAddresses& bridge, const Address& token);

/// zks_estimateGasL1ToL2 of an ETH transfer to `receiver`, or kFallbackEthDepositL2Gas when
/// `l2` is null or the node cannot estimate.
uint64_t estimate_eth_deposit_l2_gas(rpc::Client* l2, const Address& sender, const Address& receiver,
                                     const U256& amount);

/// Builds the deposit's L1 call (reads fees, base cost, asset id from L1).
DepositPlan plan_deposit(rpc::Client& l1, rpc::Client* l2, const BridgeAddresses& bridge,
                         const Address& sender, const DepositOptions& options);

/// The canonical L2 hash the plan's call returns now (eth_call from `sender` at "pending");
/// a refusal throws BridgeError(refused) with the decoded reason.
Hash preview_l2_hash(rpc::Client& l1, const Address& sender, const DepositPlan& plan);

/// Makes the deposit: for ERC20 first approves the vault for the amount; then sends the plan's
/// call and reads the L2 hash from the receipt. Throws BridgeError.
DepositResult deposit(rpc::Client& l1, rpc::Client* l2, const BridgeAddresses& bridge,
                      const PrivateKey& key, const DepositOptions& options);

/// Sends an already built plan (after any approval); the step tests and the benchmark use it.
DepositResult send_deposit(rpc::Client& l1, const BridgeAddresses& bridge, const PrivateKey& key,
                           const DepositPlan& plan, const Patience& patience);

}  // namespace zkload::zksync
