// SPDX-License-Identifier: Apache-2.0
// Methods whose answers never change: the null node keeps no accounts, so every sender has the
// count of accepted transactions for a nonce and a huge balance, every estimate is a plain transfer and every call returns a big word.
#include "chain_json.hpp"
#include "json_text.hpp"
#include "rpc_methods.hpp"

#include <algorithm>
#include <string>

namespace zkload::null_node {
namespace {

/// 10^30 wei: enough for any benchmark, as a quantity and as a 32-byte ABI word (balanceOf).
constexpr std::string_view kHugeBalance = "\"0xc9f2c9cd04674edea40000000\"";
constexpr std::string_view kHugeWord =
    "\"0x000000000000000000000000000000000000000c9f2c9cd04674edea40000000\"";

/// eth_feeHistory answers at most this many blocks, as geth does.
constexpr uint64_t kMaxFeeHistoryBlocks = 1024;

std::optional<RpcError> fixed(std::string& result, std::string_view text)
{
    result += text;
    return std::nullopt;
}

std::optional<RpcError> chain_id(const MethodContext& context, const nlohmann::json&,
                                 std::string& result)
{
    append_quoted_quantity(result, context.identity.chain_id);
    return std::nullopt;
}

std::optional<RpcError> net_version(const MethodContext& context, const nlohmann::json&,
                                    std::string& result)
{
    return fixed(result, "\"" + std::to_string(context.identity.chain_id) + "\"");
}

std::optional<RpcError> client_version(const MethodContext& context, const nlohmann::json&,
                                       std::string& result)
{
    append_json_string(result, context.identity.client_version);
    return std::nullopt;
}

std::optional<RpcError> gas_price(const MethodContext&, const nlohmann::json&,
                                  std::string& result)
{
    append_quoted_quantity(result, kBaseFeeWei + kTipWei);
    return std::nullopt;
}

std::optional<RpcError> priority_fee(const MethodContext&, const nlohmann::json&,
                                     std::string& result)
{
    append_quoted_quantity(result, kTipWei);
    return std::nullopt;
}

/// The block count as a number or a quantity string.
uint64_t block_count(const nlohmann::json* count)
{
    if (count == nullptr)
        throw std::invalid_argument("eth_feeHistory needs a block count");
    if (count->is_number_unsigned())
        return count->get<uint64_t>();
    const auto parsed = parse_quantity(count->get<std::string>());
    if (!parsed)
        throw std::invalid_argument("eth_feeHistory: block count is not a quantity");
    return *parsed;
}

/// A minimal valid shape: every block had the 1 gwei base fee, was empty, and paid the 1 gwei tip
/// at every percentile asked for. The newest block is always the latest one.
std::optional<RpcError> fee_history(const MethodContext& context, const nlohmann::json& params,
                                    std::string& result)
{
    const uint64_t latest = context.chain.latest_number();
    const uint64_t count =
        std::min({block_count(positional(params, 0)), kMaxFeeHistoryBlocks, latest + 1});
    const nlohmann::json* percentiles = positional(params, 2);
    const size_t rewards = percentiles != nullptr && percentiles->is_array() ? percentiles->size()
                                                                             : 0;
    result += "{\"oldestBlock\":";
    append_quoted_quantity(result, count == 0 ? 0 : latest + 1 - count);
    result += ",\"baseFeePerGas\":[";
    for (uint64_t i = 0; i <= count; ++i)
    {
        if (i > 0)
            result += ',';
        append_quoted_quantity(result, kBaseFeeWei);
    }
    result += "],\"gasUsedRatio\":[";
    for (uint64_t i = 0; i < count; ++i)
        result += i > 0 ? ",0.0" : "0.0";
    result += ']';
    if (percentiles != nullptr && percentiles->is_array())
    {
        result += ",\"reward\":[";
        for (uint64_t i = 0; i < count; ++i)
        {
            result += i > 0 ? ",[" : "[";
            for (size_t p = 0; p < rewards; ++p)
            {
                if (p > 0)
                    result += ',';
                append_quoted_quantity(result, kTipWei);
            }
            result += ']';
        }
        result += ']';
    }
    result += '}';
    return std::nullopt;
}

}  // namespace

/// The node tracks no senders, so every sender's nonce is the count of transactions accepted so
/// far: the same for "latest" and "pending" while nothing is sent, and above every nonce used
/// before, so a new row never repeats the bytes of an earlier transaction.
std::optional<RpcError> transaction_count(const MethodContext& context, const nlohmann::json& params,
                                          std::string& result)
{
    // A node that tracks senders (drop modes) answers with the sender's own next nonce.
    std::optional<uint64_t> nonce;
    const nlohmann::json* who = positional(params, 0);
    if (context.admission != nullptr && context.admission->tracks_senders() && who != nullptr && who->is_string())
        nonce = context.admission->next_nonce(parse_fixed_hex<20>(who->get<std::string>()));
    result += "\"" + zkload::to_quantity(nonce.value_or(context.chain.accepted())) + "\"";
    return std::nullopt;
}

void add_fixed_answer_methods(MethodTable& table)
{
    table["eth_chainId"] = &chain_id;
    table["net_version"] = &net_version;
    table["web3_clientVersion"] = &client_version;
    table["eth_gasPrice"] = &gas_price;
    table["eth_maxPriorityFeePerGas"] = &priority_fee;
    table["eth_feeHistory"] = &fee_history;
    table["eth_getTransactionCount"] = &transaction_count;
    table["eth_getBalance"] = [](const MethodContext&, const nlohmann::json&,
                                 std::string& result) { return fixed(result, kHugeBalance); };
    table["eth_estimateGas"] = [](const MethodContext&, const nlohmann::json&,
                                  std::string& result) { return fixed(result, "\"0x5208\""); };
    table["eth_getCode"] = [](const MethodContext&, const nlohmann::json&, std::string& result)
    { return fixed(result, "\"0x\""); };
    table["eth_call"] = [](const MethodContext&, const nlohmann::json&, std::string& result)
    { return fixed(result, kHugeWord); };
}

}  // namespace zkload::null_node
