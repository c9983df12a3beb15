// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "txn/txn.hpp"
#include "zksync/bridge_error.hpp"

#include <chrono>
#include <optional>

namespace zkload::zksync {

/// One contract call to make: target, value and calldata.
struct ContractCall
{
    Address to{};
    U256 value;
    Bytes data;
};

/// EIP-1559 fees of a transaction. The gas price the transaction actually pays (tx.gasprice,
/// what Mailbox prices L1→L2 requests with) is min(max_fee, base fee + tip): it equals
/// max_fee whenever tip == max_fee, which makes the price known before inclusion.
struct Pricing
{
    U256 max_fee_per_gas;
    U256 max_priority_fee_per_gas;
};

/// Fees from the node now (txn/fees.hpp: 2 × base fee + tip).
Pricing node_pricing(rpc::Client& client);

/// How long to wait and how often to look.
struct Patience
{
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    std::chrono::milliseconds poll{100};
};

/// A transaction that was included with status 1.
struct IncludedTxn
{
    Hash hash{};
    nlohmann::json receipt;
    uint64_t gas_used = 0;
    /// From just before eth_sendRawTransaction until the receipt was seen.
    std::chrono::steady_clock::duration inclusion{};
};

/// eth_call of `call` from `from` with the pricing's gas fields at `block`; a revert throws
/// BridgeError(refused) with the decoded reason, prefixed by `what`.
Bytes call_contract(rpc::Client& client, const Address& from, const ContractCall& call,
                    const std::optional<Pricing>& pricing, std::string_view what,
                    std::string_view block = "latest");

/// eth_estimateGas of `call` plus `margin_percent`; a revert is BridgeError(refused) with the
/// decoded reason. The estimate holds for the state it ran on: calls whose cost grows with what
/// lands before them in the same block (deposits append to the chain's priority tree) need more.
uint64_t estimate_call_gas(rpc::Client& client, const Address& from, const ContractCall& call,
                           const Pricing& pricing, std::string_view what, unsigned margin_percent = 20);

/// Estimates gas (estimate_call_gas, +20%) unless `gas_limit` is given,
/// signs a type-2 transaction with the next pending nonce, sends it and waits for the receipt.
/// Status 0 is BridgeError(reverted), with the reason found by replaying the call at the
/// receipt's block.
IncludedTxn send_contract_call(rpc::Client& client, uint64_t chain_id, const PrivateKey& key,
                               const ContractCall& call, const Pricing& pricing,
                               const Patience& patience, std::string_view what,
                               std::optional<uint64_t> gas_limit = std::nullopt);

/// A JSON-RPC quantity or hex field of a receipt/log/answer; throws BridgeError(rpc) naming it.
uint64_t json_quantity(const nlohmann::json& object, std::string_view field, std::string_view what);
Address json_address(const nlohmann::json& object, std::string_view field, std::string_view what);
Hash json_hash(const nlohmann::json& value, std::string_view what);

}  // namespace zkload::zksync
