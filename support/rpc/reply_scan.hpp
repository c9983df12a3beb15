// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "rpc/json_rpc.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

/// The two replies a load engine reads per transaction, read without building a JSON tree
/// (simdjson's on-demand parser): send acknowledgements, where only "accepted or refused" counts,
/// and a block's transaction hashes. Replies of the common shape are read straight from the
/// bytes; anything else (an error object, an unknown key, odd spacing inside a value, invalid
/// JSON) goes through the checked parsers of rpc/json_rpc.hpp, so both give the same answers.
namespace zkload::rpc {

/// parse_batch_reply's replies with every result left null, for calls whose results the caller
/// does not read (eth_sendRawTransaction under load: the hash is known before the send).
std::vector<Reply> parse_batch_status(std::string_view body, uint64_t first_id, size_t count);

/// parse_reply's reply with its result left null; see parse_batch_status.
Reply parse_status(std::string_view body, uint64_t expected_id);

/// The transaction hashes, in block order, of a reply to eth_getBlockByNumber(n, false); nullopt
/// when the result is null (no such block yet). Throws RpcException for a node error or a reply
/// that is not a block with a `transactions` list of 32-byte hashes.
std::optional<std::vector<Hash>> parse_block_hashes(std::string_view body, uint64_t expected_id);

namespace detail {

/// The fast path alone: the ids' statuses when every reply of the batch is a plain success
/// (`jsonrpc` "2.0", an id in range, a result that is null or a string of letters and digits,
/// no other key, nothing repeated), in request order; nullopt for anything else. Exposed so
/// tests can see that it is taken and that it agrees with the checked path.
std::optional<std::vector<Reply>> scan_plain_batch(std::string_view body, uint64_t first_id, size_t count);

/// The fast path of parse_block_hashes: nullopt when the reply is not a plain success whose
/// result is an object with a `transactions` array of "0x" + 64 hex digit strings.
std::optional<std::vector<Hash>> scan_block_hashes(std::string_view body, uint64_t expected_id);

}  // namespace detail
}  // namespace zkload::rpc
