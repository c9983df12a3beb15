// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/u256.hpp"

namespace zkload::rlp {

/// The encoder appends into one caller buffer with no temporaries: a list's payload length is
/// computed first from the length() of its items, then its header and items are written.

/// Size of the header in front of a payload of this length (string or list alike).
size_t header_length(size_t payload_length);

size_t length(ByteView string);
size_t length(uint64_t value);
size_t length(const U256& value);

/// Encoded size of a list whose items' encodings add up to payload_length.
inline size_t list_length(size_t payload_length)
{
    return header_length(payload_length) + payload_length;
}

void encode_list_header(Bytes& out, size_t payload_length);

/// Byte string (a single byte below 0x80 is its own encoding).
void encode(Bytes& out, ByteView string);

/// Integer: big-endian without leading zeros, zero is the empty string 0x80.
void encode(Bytes& out, uint64_t value);
void encode(Bytes& out, const U256& value);

}  // namespace zkload::rlp
