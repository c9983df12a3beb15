// SPDX-License-Identifier: Apache-2.0
#include "codec/rlp_decode.hpp"

#include <string>

namespace zkload::rlp {
namespace {

constexpr uint8_t kStringOffset = 0x80;
constexpr uint8_t kListOffset = 0xc0;
constexpr size_t kShortLimit = 55;

[[noreturn]] void fail(const std::string& what, size_t offset)
{
    throw DecodeError("rlp: " + what + " at offset " + std::to_string(offset));
}

/// Reads the big-endian length of a long-form header; `pos` is at the header byte.
size_t long_length(ByteView in, size_t pos, size_t len_of_len)
{
    if (in.size() - pos - 1 < len_of_len)
        fail("length of " + std::to_string(len_of_len) + " bytes runs past the end", pos);
    if (in[pos + 1] == 0)
        fail("length with a leading zero", pos);
    uint64_t length = 0;
    for (size_t i = 1; i <= len_of_len; ++i)
        length = length << 8 | in[pos + i];
    if (length <= kShortLimit)
        fail("long form for a payload of " + std::to_string(length) + " bytes", pos);
    return static_cast<size_t>(length);
}

/// Decodes the item at in[pos] and moves pos past it; offsets in errors are relative to `in`.
Item decode_at(ByteView in, size_t& pos)
{
    if (pos >= in.size())
        fail("no item: input ends", pos);
    const uint8_t prefix = in[pos];
    if (prefix < kStringOffset)
        return Item{false, in.subspan(pos++, 1)};
    const bool is_list = prefix >= kListOffset;
    const uint8_t base = is_list ? kListOffset : kStringOffset;
    size_t header = 1;
    size_t length = prefix - base;
    if (length > kShortLimit)
    {
        header += length - kShortLimit;
        length = long_length(in, pos, length - kShortLimit);
    }
    if (in.size() - pos - header < length)
        fail(std::string(is_list ? "list" : "string") + " of " + std::to_string(length) +
                 " bytes runs past the end (" + std::to_string(in.size() - pos - header) + " left)",
             pos);
    const ByteView payload = in.subspan(pos + header, length);
    if (!is_list && length == 1 && payload[0] < kStringOffset)
        fail("single byte below 0x80 wrapped in a string header", pos);
    pos += header + length;
    return Item{is_list, payload};
}

ByteView integer_bytes(const Item& item, size_t max_bytes)
{
    const ByteView bytes = decode_bytes(item);
    if (bytes.size() > max_bytes)
        throw DecodeError("rlp: integer of " + std::to_string(bytes.size()) + " bytes, at most " +
                          std::to_string(max_bytes) + " allowed");
    if (!bytes.empty() && bytes[0] == 0)
        throw DecodeError("rlp: integer with a leading zero byte");
    return bytes;
}

}  // namespace

Item decode_one(ByteView& in)
{
    size_t pos = 0;
    const Item item = decode_at(in, pos);
    in = in.subspan(pos);
    return item;
}

Item decode_exact(ByteView whole)
{
    size_t pos = 0;
    const Item item = decode_at(whole, pos);
    if (pos != whole.size())
        fail(std::to_string(whole.size() - pos) + " trailing bytes after the item", pos);
    return item;
}

std::vector<Item> decode_list(ByteView list_payload)
{
    std::vector<Item> items;
    size_t pos = 0;
    while (pos < list_payload.size())
        items.push_back(decode_at(list_payload, pos));
    return items;
}

std::vector<Item> decode_list(const Item& list)
{
    if (!list.is_list)
        throw DecodeError("rlp: expected a list, found a string");
    return decode_list(list.payload);
}

ByteView decode_bytes(const Item& string)
{
    if (string.is_list)
        throw DecodeError("rlp: expected a string, found a list");
    return string.payload;
}

Address decode_address(const Item& string)
{
    const ByteView bytes = decode_bytes(string);
    if (bytes.size() != 20)
        throw DecodeError("rlp: expected a 20-byte address, found " + std::to_string(bytes.size()) +
                          " bytes");
    Address out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

uint64_t decode_uint64(const Item& integer)
{
    uint64_t value = 0;
    for (uint8_t b : integer_bytes(integer, 8))
        value = value << 8 | b;
    return value;
}

U256 decode_u256(const Item& integer) { return from_be_bytes(integer_bytes(integer, 32)); }

}  // namespace zkload::rlp
