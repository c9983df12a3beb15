// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace zkload::null_node {

/// Appenders that write JSON text straight into a reused buffer: a block's receipts can be
/// thousands of objects, and building them as nlohmann::json first would cost more than the
/// rest of the request.

/// `"0x…"`: bytes as quoted lower-case hex (hashes, addresses, data).
void append_quoted_hex(std::string& out, ByteView bytes);

/// `"0x1a"`: a JSON-RPC quantity, quoted ("0x0" for zero).
void append_quoted_quantity(std::string& out, uint64_t value);

/// A JSON string literal, escaped (error messages, client version).
void append_json_string(std::string& out, std::string_view text);

/// `"0x000…0"`: `count` zero bytes as quoted hex (blooms, roots, the zero address).
void append_quoted_zeros(std::string& out, size_t count);

}  // namespace zkload::null_node
