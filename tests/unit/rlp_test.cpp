// SPDX-License-Identifier: Apache-2.0
#include "codec/rlp.hpp"

#include <gtest/gtest.h>

using namespace zkload;

namespace {

std::string encoded(uint64_t value)
{
    Bytes out;
    rlp::encode(out, value);
    return to_hex(out);
}

std::string encoded(const U256& value)
{
    Bytes out;
    rlp::encode(out, value);
    return to_hex(out);
}

std::string encoded(ByteView string)
{
    Bytes out;
    rlp::encode(out, string);
    return to_hex(out);
}

std::string repeat(std::string_view hex_byte, size_t count)
{
    std::string out;
    for (size_t i = 0; i < count; ++i)
        out += hex_byte;
    return out;
}

}  // namespace

TEST(rlp, encodes_small_integers)
{
    EXPECT_EQ(encoded(uint64_t{0}), "0x80");
    EXPECT_EQ(encoded(uint64_t{1}), "0x01");
    EXPECT_EQ(encoded(uint64_t{0x7f}), "0x7f");
    EXPECT_EQ(encoded(uint64_t{0x80}), "0x8180");
    EXPECT_EQ(encoded(uint64_t{0xff}), "0x81ff");
    EXPECT_EQ(encoded(uint64_t{0x400}), "0x820400");
    EXPECT_EQ(encoded(~uint64_t{0}), "0x88ffffffffffffffff");
}

TEST(rlp, encodes_strings)
{
    EXPECT_EQ(encoded(as_view("dog")), "0x83646f67");
    EXPECT_EQ(encoded(as_view("")), "0x80");
    EXPECT_EQ(encoded(Bytes{0x00}), "0x00");
    EXPECT_EQ(encoded(Bytes{0x7f}), "0x7f");
    EXPECT_EQ(encoded(Bytes{0x80}), "0x8180");
}

TEST(rlp, string_header_switches_form_after_55_bytes)
{
    const Bytes short_string(55, 0xaa);
    EXPECT_EQ(encoded(short_string), "0xb7" + repeat("aa", 55));
    const Bytes long_string(56, 0xaa);
    EXPECT_EQ(encoded(long_string), "0xb838" + repeat("aa", 56));
    const Bytes kilobyte(1024, 0x01);
    EXPECT_EQ(encoded(kilobyte), "0xb90400" + repeat("01", 1024));
}

TEST(rlp, encodes_lists)
{
    Bytes empty;
    rlp::encode_list_header(empty, 0);
    EXPECT_EQ(to_hex(empty), "0xc0");

    Bytes cat_dog;
    rlp::encode_list_header(cat_dog, rlp::length(as_view("cat")) + rlp::length(as_view("dog")));
    rlp::encode(cat_dog, as_view("cat"));
    rlp::encode(cat_dog, as_view("dog"));
    EXPECT_EQ(to_hex(cat_dog), "0xc88363617483646f67");

    Bytes short_list;
    rlp::encode_list_header(short_list, 55);
    EXPECT_EQ(to_hex(short_list), "0xf7");

    const Bytes item(55, 0x11);
    Bytes list;
    rlp::encode_list_header(list, rlp::length(item));
    rlp::encode(list, item);
    EXPECT_EQ(rlp::length(item), 56u);
    EXPECT_EQ(to_hex(list), "0xf838b7" + repeat("11", 55));
    EXPECT_EQ(list.size(), rlp::list_length(56));
}

TEST(rlp, encodes_u256)
{
    EXPECT_EQ(encoded(U256(0)), "0x80");
    EXPECT_EQ(encoded(U256(0x7f)), "0x7f");
    EXPECT_EQ(encoded(U256(0x80)), "0x8180");
    EXPECT_EQ(encoded(parse_u256("1000000000000000000")), "0x880de0b6b3a7640000");
    EXPECT_EQ(encoded(parse_u256("0x10000000000000000")), "0x89010000000000000000");
    const U256 max = ~U256(0);
    EXPECT_EQ(encoded(max), "0xa0" + repeat("ff", 32));
}

TEST(rlp, signature_component_with_leading_zero_is_a_31_byte_integer)
{
    const std::string s = "00" + repeat("5a", 31);
    const U256 value = from_be_bytes(parse_hex(s));
    EXPECT_EQ(encoded(value), "0x9f" + repeat("5a", 31));
}

TEST(rlp, length_matches_what_encode_writes)
{
    size_t checked = 0;
    for (unsigned shift = 0; shift < 64; ++shift)
    {
        for (uint64_t delta : {uint64_t{0}, uint64_t{1}, ~uint64_t{0}})
        {
            const uint64_t value = (uint64_t{1} << shift) + delta;
            Bytes out;
            rlp::encode(out, value);
            EXPECT_EQ(out.size(), rlp::length(value)) << value;
            ++checked;
        }
    }
    for (unsigned shift = 0; shift < 256; ++shift)
    {
        for (int delta : {-1, 0, 1})
        {
            const U256 power = U256(1) << shift;
            const U256 value = delta < 0 ? U256(power - 1) : U256(power + delta);
            Bytes out;
            rlp::encode(out, value);
            EXPECT_EQ(out.size(), rlp::length(value)) << value;
            ++checked;
        }
    }
    for (size_t size : {0, 1, 2, 54, 55, 56, 57, 255, 256, 65535, 65536})
    {
        for (uint8_t first : {0x00, 0x7f, 0x80, 0xff})
        {
            Bytes string(size, 0x42);
            if (size > 0)
                string[0] = first;
            Bytes out;
            rlp::encode(out, string);
            EXPECT_EQ(out.size(), rlp::length(string)) << size;
            Bytes header;
            rlp::encode_list_header(header, size);
            EXPECT_EQ(header.size(), rlp::header_length(size)) << size;
            ++checked;
        }
    }
    EXPECT_GT(checked, 900u);
}
