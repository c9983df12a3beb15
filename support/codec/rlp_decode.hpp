// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/u256.hpp"

#include <stdexcept>
#include <vector>

namespace zkload::rlp {

/// The decoder is view-based: items point into the caller's buffer, nothing is copied, and a
/// list's payload is only split into items when asked. It accepts canonical encodings only
/// (what the encoder in rlp.hpp writes), so a decoded transaction re-encodes to the same bytes.

/// Thrown for any malformed or non-canonical input; the message says what, and at which offset
/// of the buffer handed to that call (for decode_list, of the list payload).
class DecodeError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Item
{
    bool is_list = false;
    /// The string's bytes, or the list's payload (its items' encodings back to back).
    ByteView payload;
};

/// Decodes the item at the front of `in` and advances `in` past it.
Item decode_one(ByteView& in);

/// Decodes a buffer that must hold exactly one item (trailing bytes are an error).
Item decode_exact(ByteView whole);

/// Splits a list payload into its items.
std::vector<Item> decode_list(ByteView list_payload);

/// The items of a list item; throws if the item is a string.
std::vector<Item> decode_list(const Item& list);

/// The bytes of a string item; throws if the item is a list.
ByteView decode_bytes(const Item& string);

/// A 20-byte string item.
Address decode_address(const Item& string);

/// Canonical integers: big-endian without leading zeros, zero is the empty string.
uint64_t decode_uint64(const Item& integer);
U256 decode_u256(const Item& integer);

}  // namespace zkload::rlp
