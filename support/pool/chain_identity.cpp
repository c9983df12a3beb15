// SPDX-License-Identifier: Apache-2.0
#include "pool/chain_identity.hpp"

#include <algorithm>

namespace zkload::pool {
namespace {

const nlohmann::json& result_or_throw(const rpc::Reply& reply)
{
    if (reply.error)
        throw rpc::RpcException(*reply.error);
    return reply.result;
}

std::string string_result(const rpc::Reply& reply, std::string_view what)
{
    const nlohmann::json& result = result_or_throw(reply);
    if (!result.is_string())
        throw rpc::RpcException(
            rpc::make_bad_response(std::string(what) + " is not a string", result.dump()));
    return result.get<std::string>();
}

}  // namespace

ChainIdentity read_chain_identity(rpc::Client& client)
{
    const auto replies =
        client.batch({{"eth_chainId", nlohmann::json::array()},
                      {"eth_getBlockByNumber", nlohmann::json::array({"0x0", false})}});
    ChainIdentity identity;
    const std::string chain_id = string_result(replies.at(0), "eth_chainId result");
    const auto parsed = parse_quantity(chain_id);
    if (!parsed)
        throw rpc::RpcException(
            rpc::make_bad_response("eth_chainId result is not a quantity", chain_id));
    identity.chain_id = *parsed;
    const nlohmann::json& block = result_or_throw(replies.at(1));
    if (!block.is_object() || !block.contains("hash") || !block.at("hash").is_string())
        throw rpc::RpcException(rpc::make_bad_response(
            "eth_getBlockByNumber(0x0) gave no genesis block hash", block.dump()));
    const auto hash = from_hex(block.at("hash").get<std::string>());
    if (!hash || hash->size() != identity.genesis_hash.size())
        throw rpc::RpcException(rpc::make_bad_response(
            "the genesis block hash is not 32 bytes of hex", block.at("hash").dump()));
    std::copy(hash->begin(), hash->end(), identity.genesis_hash.begin());
    return identity;
}

bool state_matches(const PoolState& state, const ChainIdentity& identity)
{
    return state.chain_id == identity.chain_id && state.genesis_hash == identity.genesis_hash;
}

std::vector<Address> missing_contracts(rpc::Client& client, const PoolState& state)
{
    std::vector<Address> recorded;
    for (const auto& [name, address] : state.contracts)
        recorded.push_back(address);
    std::vector<rpc::Call> calls;
    for (const auto& address : recorded)
        calls.emplace_back("eth_getCode", nlohmann::json::array({to_hex(address), "latest"}));
    if (calls.empty())
        return {};
    const auto replies = client.batch(calls);
    std::vector<Address> missing;
    for (size_t i = 0; i < recorded.size(); ++i)
    {
        const std::string code = string_result(replies.at(i), "eth_getCode result");
        if (code == "0x" || code.empty())
            missing.push_back(recorded[i]);
    }
    return missing;
}

std::optional<std::string> stale_reason(rpc::Client& client,
                                        const PoolState& state,
                                        const ChainIdentity& identity)
{
    if (state.chain_id != identity.chain_id)
        return "the state is for chain id " + std::to_string(state.chain_id) +
               ", the node serves chain id " + std::to_string(identity.chain_id);
    if (state.genesis_hash != identity.genesis_hash)
        return "the state is for genesis block " + to_hex(state.genesis_hash) +
               ", the node's genesis block is " + to_hex(identity.genesis_hash) +
               " (a new chain with the same chain id)";
    const auto missing = missing_contracts(client, state);
    if (!missing.empty())
    {
        std::string list;
        for (const auto& address : missing)
            list += (list.empty() ? "" : ", ") + to_hex(address);
        return "recorded contract(s) " + list +
               " have no code on the node: the chain was reset since the pool was funded";
    }
    return std::nullopt;
}

}  // namespace zkload::pool
