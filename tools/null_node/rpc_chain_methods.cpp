// SPDX-License-Identifier: Apache-2.0
// Methods that feed or read the chain of hashes: sending, blocks and receipts.
#include "chain_json.hpp"
#include "json_text.hpp"
#include "codec/keccak.hpp"
#include "rpc_methods.hpp"

#include <stdexcept>
#include <string>

namespace zkload::null_node {
namespace {

/// The block a tag names: "latest" (also "pending", "safe", "finalized": the null node has no
/// forks and seals everything), "earliest", or a quantity.
uint64_t block_number_of(const nlohmann::json* tag, uint64_t latest)
{
    if (tag == nullptr || !tag->is_string())
        throw std::invalid_argument("expected a block number or tag as the first parameter");
    const auto& text = tag->get_ref<const std::string&>();
    if (text == "latest" || text == "pending" || text == "safe" || text == "finalized")
        return latest;
    if (text == "earliest")
        return 0;
    const auto number = text.starts_with("0x") ? parse_quantity(text) : std::nullopt;
    if (!number)
        throw std::invalid_argument("not a block number or tag: " + text);
    return *number;
}

/// The raw transaction's bytes, decoded into a per-thread buffer (no allocation once warm).
ByteView raw_transaction(std::string_view hex)
{
    thread_local Bytes decoded;
    if (!hex.starts_with("0x") || hex.size() % 2 != 0 || hex.size() == 2)
        throw std::invalid_argument("the raw transaction must be non-empty 0x-prefixed hex bytes");
    decoded.resize((hex.size() - 2) / 2);
    for (size_t i = 0; i < decoded.size(); ++i)
    {
        const int high = hex_digit_value(hex[2 + 2 * i]);
        const int low = hex_digit_value(hex[3 + 2 * i]);
        if (high < 0 || low < 0)
            throw std::invalid_argument("the raw transaction is not valid hex");
        decoded[i] = static_cast<uint8_t>(high << 4 | low);
    }
    return decoded;
}

std::optional<RpcError> send_raw_transaction(const MethodContext& context,
                                             const nlohmann::json& params, std::string& result)
{
    const nlohmann::json* raw = positional(params, 0);
    if (raw == nullptr || !raw->is_string())
        throw std::invalid_argument("expected the raw transaction as a hex string");
    return send_raw_hex(context.chain, raw->get_ref<const std::string&>(), result, context.admission);
}

std::optional<RpcError> block_number(const MethodContext& context, const nlohmann::json&,
                                     std::string& result)
{
    append_quoted_quantity(result, context.chain.latest_number());
    return std::nullopt;
}

std::optional<RpcError> block_by_number(const MethodContext& context,
                                        const nlohmann::json& params, std::string& result)
{
    const nlohmann::json* full = positional(params, 1);
    if (full != nullptr && full->is_boolean() && full->get<bool>())
        return RpcError{kInvalidParams,
                        "the null node serves blocks with transaction hashes only: pass false"};
    const auto block = context.chain.block(
        block_number_of(positional(params, 0), context.chain.latest_number()));
    if (block)
        append_block(result, *block);
    else
        result += "null";
    return std::nullopt;
}

std::optional<RpcError> block_receipts(const MethodContext& context,
                                       const nlohmann::json& params, std::string& result)
{
    context.chain.note_receipt_request();
    const auto block = context.chain.block(
        block_number_of(positional(params, 0), context.chain.latest_number()));
    if (block)
        append_block_receipts(result, *block);
    else
        result += "null";
    return std::nullopt;
}

std::optional<RpcError> transaction_receipt(const MethodContext& context,
                                            const nlohmann::json& params, std::string& result)
{
    context.chain.note_receipt_request();
    const nlohmann::json* hash = positional(params, 0);
    if (hash == nullptr || !hash->is_string())
        throw std::invalid_argument("expected a transaction hash as the first parameter");
    const auto included = context.chain.find_included(parse_hash(hash->get<std::string>()));
    if (included)
        append_receipt(result, *included->block, included->index);
    else
        result += "null";
    return std::nullopt;
}

}  // namespace

std::optional<RpcError> send_raw_hex(ChainOfHashes& chain, std::string_view raw_hex,
                                     std::string& result, Admission* admission)
{
    const ByteView raw = raw_transaction(raw_hex);
    const Hash hash = keccak256(raw);
    const Admission::Verdict verdict = admission != nullptr ? admission->admit(raw) : Admission::Verdict::take;
    if (verdict == Admission::Verdict::nonce_too_low)
        return RpcError{kServerError, chain.knows(hash) ? "already known" : "nonce too low"};
    if (verdict == Admission::Verdict::take && !chain.add_pending(hash))
        return RpcError{kServerError, "already known"};
    append_quoted_hex(result, hash);  // taken, or dropped without a word
    return std::nullopt;
}

std::optional<RpcError> null_node_stats(const MethodContext& context, const nlohmann::json&, std::string& result)
{
    const AdmissionStats stats = context.admission != nullptr ? context.admission->stats() : AdmissionStats{};
    result += "{\"accepted\":" + std::to_string(context.chain.accepted()) +
              ",\"dropped_ahead\":" + std::to_string(stats.dropped_ahead) +
              ",\"dropped_at_random\":" + std::to_string(stats.dropped_at_random) +
              ",\"nonce_too_low\":" + std::to_string(stats.nonce_too_low) +
              ",\"receipt_requests\":" + std::to_string(context.chain.receipt_requests()) + "}";
    return std::nullopt;
}

void add_chain_methods(MethodTable& table)
{
    table["zkload_nullNodeStats"] = &null_node_stats;
    table["eth_sendRawTransaction"] = &send_raw_transaction;
    table["eth_blockNumber"] = &block_number;
    table["eth_getBlockByNumber"] = &block_by_number;
    table["eth_getBlockReceipts"] = &block_receipts;
    table["eth_getTransactionReceipt"] = &transaction_receipt;
}

}  // namespace zkload::null_node
