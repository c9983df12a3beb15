// SPDX-License-Identifier: Apache-2.0
#include "zksync/chain_txn.hpp"

#include "txn/ecdsa.hpp"
#include "txn/fees.hpp"
#include "zksync/revert_reason.hpp"

namespace zkload::zksync {
namespace {

nlohmann::json call_object(const Address& from, const ContractCall& call,
                           const std::optional<Pricing>& pricing)
{
    nlohmann::json request = {{"from", to_hex(from)},
                              {"to", to_hex(call.to)},
                              {"value", to_quantity(call.value)},
                              {"data", to_hex(call.data)}};
    if (pricing)
    {
        request["maxFeePerGas"] = to_quantity(pricing->max_fee_per_gas);
        request["maxPriorityFeePerGas"] = to_quantity(pricing->max_priority_fee_per_gas);
    }
    return request;
}

/// A failed call or estimate: a revert (refused, with its reason) or a node problem (rpc).
[[noreturn]] void throw_call_error(const rpc::Error& error, std::string_view what)
{
    const bool reverted = error.error_class == rpc::ErrorClass::execution_reverted ||
                          revert_data(error).has_value();
    throw BridgeError(reverted ? FailureClass::refused : FailureClass::rpc,
                      std::string(what) + ": " + describe_with_reason(error));
}

}  // namespace

uint64_t estimate_call_gas(rpc::Client& client, const Address& from, const ContractCall& call,
                           const Pricing& pricing, std::string_view what, unsigned margin_percent)
{
    const rpc::Reply reply =
        client.call("eth_estimateGas", nlohmann::json::array({call_object(from, call, pricing)}));
    if (!reply.ok())
        throw_call_error(*reply.error, what);
    const auto gas = reply.result.is_string() ? parse_quantity(reply.result.get<std::string>())
                                              : std::nullopt;
    if (!gas)
        throw BridgeError(FailureClass::rpc, std::string(what) + ": eth_estimateGas answered " +
                                                 rpc::excerpt(reply.result.dump()));
    return *gas + *gas * margin_percent / 100;
}

Pricing node_pricing(rpc::Client& client)
{
    const Fees fees = current_fees(client);
    return {fees.max_fee_per_gas, fees.max_priority_fee_per_gas};
}

Bytes call_contract(rpc::Client& client, const Address& from, const ContractCall& call,
                    const std::optional<Pricing>& pricing, std::string_view what,
                    std::string_view block)
{
    const rpc::Reply reply = client.call(
        "eth_call", nlohmann::json::array({call_object(from, call, pricing), std::string(block)}));
    if (!reply.ok())
        throw_call_error(*reply.error, what);
    const auto data =
        reply.result.is_string() ? from_hex(reply.result.get<std::string>()) : std::nullopt;
    if (!data)
        throw BridgeError(FailureClass::rpc,
                          std::string(what) + ": eth_call answered " + rpc::excerpt(reply.result.dump()));
    return *data;
}

IncludedTxn send_contract_call(rpc::Client& client, uint64_t chain_id, const PrivateKey& key,
                               const ContractCall& call, const Pricing& pricing,
                               const Patience& patience, std::string_view what,
                               std::optional<uint64_t> gas_limit)
{
    const Address from = address_of(key);
    const Eip1559Txn txn{.chain_id = chain_id,
                         .nonce = client.get_transaction_count(from, "pending"),
                         .max_priority_fee_per_gas = pricing.max_priority_fee_per_gas,
                         .max_fee_per_gas = pricing.max_fee_per_gas,
                         .gas_limit = gas_limit ? *gas_limit
                                                : estimate_call_gas(client, from, call, pricing, what),
                         .to = call.to,
                         .value = call.value,
                         .data = call.data};
    const SignedTxn signed_txn = sign(txn, key);
    IncludedTxn out;
    out.hash = signed_txn.hash;
    const auto start = std::chrono::steady_clock::now();
    try
    {
        client.send_raw_transaction(signed_txn.raw);
    }
    catch (const rpc::RpcException& e)
    {
        throw BridgeError(FailureClass::refused, std::string(what) + ": transaction " +
                                                     to_hex(signed_txn.hash) + " refused: " +
                                                     describe_with_reason(e.error()));
    }
    try
    {
        out.receipt = client.wait_for_receipt(signed_txn.hash, patience.timeout, patience.poll);
    }
    catch (const rpc::RpcException& e)
    {
        throw BridgeError(e.error_class() == rpc::ErrorClass::timeout ? FailureClass::timeout
                                                                      : FailureClass::rpc,
                          std::string(what) + ": " + e.what());
    }
    out.inclusion = std::chrono::steady_clock::now() - start;
    out.gas_used = json_quantity(out.receipt, "gasUsed", what);
    if (out.receipt.value("status", "0x1") != "0x1")
    {
        std::string reason = "no reason found";
        const std::string block = out.receipt.value("blockNumber", "latest");
        try
        {
            call_contract(client, from, call, pricing, what, block);
            reason = "the replay at block " + block + " did not revert";
        }
        catch (const BridgeError& e)
        {
            reason = e.what();
        }
        throw BridgeError(FailureClass::reverted, std::string(what) + ": transaction " +
                                                      to_hex(signed_txn.hash) +
                                                      " reverted (status 0); " + reason);
    }
    return out;
}

uint64_t json_quantity(const nlohmann::json& object, std::string_view field, std::string_view what)
{
    const auto it = object.is_object() ? object.find(field) : object.end();
    const auto value = it != object.end() && it->is_string()
                           ? parse_quantity(it->get<std::string>())
                           : std::nullopt;
    if (!value)
        throw BridgeError(FailureClass::rpc, std::string(what) + ": field \"" + std::string(field) +
                                                 "\" is not a quantity in " +
                                                 rpc::excerpt(object.dump()));
    return *value;
}

Address json_address(const nlohmann::json& object, std::string_view field, std::string_view what)
{
    const auto it = object.is_object() ? object.find(field) : object.end();
    const auto bytes =
        it != object.end() && it->is_string() ? from_hex(it->get<std::string>()) : std::nullopt;
    if (!bytes || bytes->size() != 20)
        throw BridgeError(FailureClass::rpc, std::string(what) + ": field \"" + std::string(field) +
                                                 "\" is not an address in " +
                                                 rpc::excerpt(object.dump()));
    Address out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

Hash json_hash(const nlohmann::json& value, std::string_view what)
{
    const auto bytes = value.is_string() ? from_hex(value.get<std::string>()) : std::nullopt;
    if (!bytes || bytes->size() != 32)
        throw BridgeError(FailureClass::rpc,
                          std::string(what) + ": not a 32-byte hash: " + rpc::excerpt(value.dump()));
    Hash out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

}  // namespace zkload::zksync
