// SPDX-License-Identifier: Apache-2.0
#include "codec/rlp_decode.hpp"
#include "codec/rlp.hpp"

#include <gtest/gtest.h>

using namespace zkload;

namespace {

Bytes encoded_u256(const U256& value)
{
    Bytes out;
    rlp::encode(out, value);
    return out;
}

/// Expects decode_exact to throw rlp::DecodeError whose message contains `needle`.
void expect_rejected(std::string_view hex, std::string_view needle)
{
    const Bytes input = parse_hex(hex);
    try
    {
        rlp::decode_exact(input);
        ADD_FAILURE() << hex << " was accepted";
    }
    catch (const rlp::DecodeError& e)
    {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << hex << ": " << e.what();
    }
}

}  // namespace

TEST(rlp_decode, round_trips_strings_of_every_header_form)
{
    for (size_t size : {0, 1, 2, 55, 56, 255, 256, 70000})
    {
        for (uint8_t fill : {0x00, 0x7f, 0x80, 0xff})
        {
            const Bytes string(size, fill);
            Bytes out;
            rlp::encode(out, string);
            const rlp::Item item = rlp::decode_exact(out);
            EXPECT_FALSE(item.is_list);
            EXPECT_TRUE(std::ranges::equal(rlp::decode_bytes(item), string)) << size;
        }
    }
}

TEST(rlp_decode, round_trips_integers)
{
    for (unsigned shift = 0; shift < 256; ++shift)
    {
        for (const U256& value : {U256(U256(1) << shift), U256((U256(1) << shift) - 1)})
        {
            const Bytes out = encoded_u256(value);
            EXPECT_EQ(rlp::decode_u256(rlp::decode_exact(out)), value) << value;
            if (value <= std::numeric_limits<uint64_t>::max())
            {
                EXPECT_EQ(rlp::decode_uint64(rlp::decode_exact(out)), value) << value;
            }
        }
    }
    EXPECT_EQ(rlp::decode_u256(rlp::decode_exact(encoded_u256(~U256(0)))), ~U256(0));
}

TEST(rlp_decode, round_trips_nested_lists)
{
    // [ "cat", [ "dog", 1024 ], [] ]
    const Bytes input = parse_hex("0xcd83636174c783646f67820400c0");
    const rlp::Item outer = rlp::decode_exact(input);
    ASSERT_TRUE(outer.is_list);
    const auto items = rlp::decode_list(outer);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_TRUE(std::ranges::equal(rlp::decode_bytes(items[0]), as_view("cat")));
    const auto inner = rlp::decode_list(items[1]);
    ASSERT_EQ(inner.size(), 2u);
    EXPECT_EQ(rlp::decode_uint64(inner[1]), 1024u);
    EXPECT_TRUE(rlp::decode_list(items[2]).empty());

    Bytes rebuilt;
    rlp::encode_list_header(rebuilt, items[0].payload.size() + 1 + items[1].payload.size() + 1 + 1);
    rlp::encode(rebuilt, as_view("cat"));
    rlp::encode_list_header(rebuilt, items[1].payload.size());
    append(rebuilt, items[1].payload);
    rlp::encode_list_header(rebuilt, 0);
    EXPECT_EQ(rebuilt, input);
}

TEST(rlp_decode, decode_one_consumes_one_item)
{
    const Bytes input = parse_hex("0x8180c101");
    ByteView rest = input;
    EXPECT_EQ(rlp::decode_uint64(rlp::decode_one(rest)), 0x80u);
    EXPECT_EQ(rest.size(), 2u);
    EXPECT_TRUE(rlp::decode_one(rest).is_list);
    EXPECT_TRUE(rest.empty());
    EXPECT_THROW(rlp::decode_one(rest), rlp::DecodeError);
}

TEST(rlp_decode, rejects_non_canonical_single_byte)
{
    expect_rejected("0x8100", "single byte below 0x80");
    expect_rejected("0x817f", "single byte below 0x80");
    EXPECT_NO_THROW(rlp::decode_exact(parse_hex("0x8180")));
}

TEST(rlp_decode, rejects_long_form_for_short_payloads)
{
    expect_rejected("0xb80161", "long form for a payload of 1 bytes");
    expect_rejected("0xb837" + std::string(110, 'a'), "long form");
    expect_rejected("0xf80100", "long form");
}

TEST(rlp_decode, rejects_leading_zeros_in_length)
{
    expect_rejected("0xb90038" + std::string(112, 'a'), "leading zero");
    expect_rejected("0xf9003800", "leading zero");
}

TEST(rlp_decode, rejects_lengths_past_the_end)
{
    expect_rejected("0x83646f", "runs past the end");
    expect_rejected("0xc401", "runs past the end");
    expect_rejected("0xb9ffff00", "runs past the end");
    expect_rejected("0xbfffffffffffffffff", "runs past the end");
    expect_rejected("0xfbffffffff", "runs past the end");
    expect_rejected("0x", "input ends");
    EXPECT_THROW(rlp::decode_list(parse_hex("0x0183")), rlp::DecodeError);
}

TEST(rlp_decode, rejects_trailing_bytes)
{
    expect_rejected("0x8000", "1 trailing bytes");
    expect_rejected("0xc0c0", "1 trailing bytes");
}

TEST(rlp_decode, rejects_integers_with_leading_zeros)
{
    EXPECT_THROW(rlp::decode_uint64(rlp::decode_exact(parse_hex("0x00"))), rlp::DecodeError);
    EXPECT_THROW(rlp::decode_uint64(rlp::decode_exact(parse_hex("0x820001"))), rlp::DecodeError);
    EXPECT_THROW(rlp::decode_u256(rlp::decode_exact(parse_hex("0x820080"))), rlp::DecodeError);
    EXPECT_EQ(rlp::decode_uint64(rlp::decode_exact(parse_hex("0x80"))), 0u);
}

TEST(rlp_decode, rejects_oversized_integers)
{
    EXPECT_THROW(rlp::decode_uint64(rlp::decode_exact(parse_hex("0x89010000000000000000"))),
                 rlp::DecodeError);
    const Bytes big = parse_hex("0xa101" + std::string(64, '0'));
    EXPECT_THROW(rlp::decode_u256(rlp::decode_exact(big)), rlp::DecodeError);
}

TEST(rlp_decode, rejects_wrong_item_kinds)
{
    EXPECT_THROW(rlp::decode_u256(rlp::decode_exact(parse_hex("0xc0"))), rlp::DecodeError);
    EXPECT_THROW(rlp::decode_list(rlp::decode_exact(parse_hex("0x80"))), rlp::DecodeError);
    EXPECT_THROW(rlp::decode_address(rlp::decode_exact(parse_hex("0x8401020304"))),
                 rlp::DecodeError);
    const Bytes address = parse_hex("0x94" + std::string(40, 'a'));
    EXPECT_EQ(to_hex(rlp::decode_address(rlp::decode_exact(address))), "0x" + std::string(40, 'a'));
}
