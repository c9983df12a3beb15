// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "admission.hpp"
#include "chain_of_hashes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace zkload::null_node {

/// JSON-RPC error codes the null node answers with.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kServerError = -32000;

/// A JSON-RPC error object's code and message.
struct RpcError
{
    int code = kServerError;
    std::string message;
};

/// What the node says about itself (eth_chainId, net_version, web3_clientVersion).
struct NodeIdentity
{
    uint64_t chain_id = 31337;
    std::string client_version;
};

/// What a method may read or change.
struct MethodContext
{
    ChainOfHashes& chain;
    const NodeIdentity& identity;
    /// Drop modes and sender nonces (admission.hpp); null: every transaction is taken.
    Admission* admission = nullptr;
};

/// Appends the result's JSON text to `result` and returns nullopt, or returns the error (the
/// result text is then discarded). `params` is the request's params (an array when well formed).
/// May throw std::exception on malformed params; the caller answers those with -32602.
using MethodHandler = std::optional<RpcError> (*)(const MethodContext& context,
                                                  const nlohmann::json& params,
                                                  std::string& result);

using MethodTable = std::unordered_map<std::string_view, MethodHandler>;

/// Methods whose answer never changes: identity, fees, balances, estimates, code and calls.
void add_fixed_answer_methods(MethodTable& table);

/// Methods that read or feed the chain: blocks, receipts, sending, and zkload_nullNodeStats
/// (what the admission dropped, and receipt requests served: {"accepted","dropped_ahead",
/// "dropped_at_random","nonce_too_low","receipt_requests"}).
void add_chain_methods(MethodTable& table);

/// eth_sendRawTransaction's work: keccak256 of the raw bytes (`0x` hex) remembered for the next
/// block, the hash appended as the result; "already known" for a hash seen before. With an
/// admission, a dropped transaction is answered with its hash and forgotten, and one below its
/// sender's next nonce gets "nonce too low". Throws std::invalid_argument for hex that is not
/// non-empty 0x-prefixed bytes (and, when senders are tracked, for what is not type 2).
std::optional<RpcError> send_raw_hex(ChainOfHashes& chain, std::string_view raw_hex,
                                     std::string& result, Admission* admission = nullptr);

/// The handler of a served method, or null when the method is not served (-32601).
MethodHandler find_method(std::string_view name);

/// The i-th positional parameter, or null when params is not an array or is too short.
const nlohmann::json* positional(const nlohmann::json& params, size_t i);

}  // namespace zkload::null_node
