// SPDX-License-Identifier: Apache-2.0
#include "codec/rlp.hpp"

#include <bit>

namespace zkload::rlp {
namespace {

constexpr uint8_t kStringOffset = 0x80;
constexpr uint8_t kListOffset = 0xc0;
constexpr size_t kShortLimit = 55;

size_t be_length(uint64_t value)
{
    return value == 0 ? 0 : static_cast<size_t>((64 - std::countl_zero(value) + 7) / 8);
}

void append_be(Bytes& out, uint64_t value, size_t length)
{
    for (size_t i = length; i > 0; --i)
        out.push_back(static_cast<uint8_t>(value >> (8 * (i - 1))));
}

void encode_header(Bytes& out, uint8_t offset, size_t payload_length)
{
    if (payload_length <= kShortLimit)
    {
        out.push_back(static_cast<uint8_t>(offset + payload_length));
        return;
    }
    const size_t len_of_len = be_length(payload_length);
    out.push_back(static_cast<uint8_t>(offset + kShortLimit + len_of_len));
    append_be(out, payload_length, len_of_len);
}

}  // namespace

size_t header_length(size_t payload_length)
{
    return payload_length <= kShortLimit ? 1 : 1 + be_length(payload_length);
}

size_t length(ByteView string)
{
    if (string.size() == 1 && string[0] < kStringOffset)
        return 1;
    return header_length(string.size()) + string.size();
}

size_t length(uint64_t value)
{
    return value < kStringOffset && value != 0 ? 1 : 1 + be_length(value);
}

size_t length(const U256& value)
{
    if (value < kStringOffset)
        return 1;
    const size_t bytes = (boost::multiprecision::msb(value) + 8) / 8;
    return header_length(bytes) + bytes;
}

void encode_list_header(Bytes& out, size_t payload_length)
{
    encode_header(out, kListOffset, payload_length);
}

void encode(Bytes& out, ByteView string)
{
    if (string.size() == 1 && string[0] < kStringOffset)
    {
        out.push_back(string[0]);
        return;
    }
    encode_header(out, kStringOffset, string.size());
    append(out, string);
}

void encode(Bytes& out, uint64_t value)
{
    if (value != 0 && value < kStringOffset)
    {
        out.push_back(static_cast<uint8_t>(value));
        return;
    }
    const size_t len = be_length(value);
    out.push_back(static_cast<uint8_t>(kStringOffset + len));
    append_be(out, value, len);
}

void encode(Bytes& out, const U256& value)
{
    if (value <= std::numeric_limits<uint64_t>::max())
    {
        encode(out, value.convert_to<uint64_t>());
        return;
    }
    encode(out, ByteView(to_be_bytes_trimmed(value)));
}

}  // namespace zkload::rlp
