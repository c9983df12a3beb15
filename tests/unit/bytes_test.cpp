// SPDX-License-Identifier: Apache-2.0
#include "codec/bytes.hpp"

#include <gtest/gtest.h>

using namespace zkload;

TEST(bytes, hex_round_trip)
{
    const Bytes bytes{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    EXPECT_EQ(to_hex(bytes), "0x00017f80abff");
    EXPECT_EQ(to_hex(bytes, false), "00017f80abff");
    EXPECT_EQ(from_hex("0x00017F80ABff"), bytes);
    EXPECT_EQ(from_hex("00017f80abff"), bytes);
    EXPECT_EQ(from_hex("0x"), Bytes{});
    EXPECT_EQ(to_hex(Bytes{}), "0x");
}

TEST(bytes, write_hex_fills_a_buffer_of_exactly_its_size_as_to_hex_does)
{
    const Bytes bytes{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    std::string out(hex_size(bytes.size()), '?');
    write_hex(bytes, out);
    EXPECT_EQ(out, "0x00017f80abff");
    std::string bare(hex_size(bytes.size(), false), '?');
    write_hex(bytes, bare, false);
    EXPECT_EQ(bare, "00017f80abff");
    std::string short_by_one(hex_size(bytes.size()) - 1, '?');
    EXPECT_THROW(write_hex(bytes, short_by_one), std::invalid_argument);
    EXPECT_EQ(short_by_one, std::string(hex_size(bytes.size()) - 1, '?'));  // untouched
}

TEST(bytes, rejects_bad_hex)
{
    EXPECT_FALSE(from_hex("0x1"));
    EXPECT_FALSE(from_hex("0xzz"));
    EXPECT_FALSE(from_hex("0x 1"));
    EXPECT_THROW(parse_hex("0xg0"), std::invalid_argument);
}

TEST(bytes, fixed_width_parsing_names_the_length)
{
    const Address a = parse_address("0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5");
    EXPECT_EQ(to_hex(a), "0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5");
    try
    {
        parse_address("0x1234");
        FAIL() << "a 2-byte address was accepted";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("expected 20 bytes"), std::string::npos) << e.what();
    }
    EXPECT_THROW(parse_hash("0x00"), std::invalid_argument);
}

TEST(bytes, fixed_width_hex_without_throwing)
{
    const std::string digits = "95222290dd7278aa3ddd389cc1e1d165cc4bafe5";
    EXPECT_EQ(fixed_from_hex<20>("0x" + digits), parse_address("0x" + digits));
    EXPECT_EQ(fixed_from_hex<20>(digits), parse_address("0x" + digits));
    EXPECT_EQ(fixed_from_hex<20>("0X95222290DD7278AA3DDD389CC1E1D165CC4BAFE5"), parse_address("0x" + digits));
    EXPECT_FALSE(fixed_from_hex<20>("0x" + digits + "00"));             // 21 bytes
    EXPECT_FALSE(fixed_from_hex<20>("0x" + digits.substr(1)));          // odd length
    EXPECT_FALSE(fixed_from_hex<20>("0x" + digits.substr(2) + "0g"));   // not a digit
    EXPECT_FALSE(hash_from_hex("0x" + std::string(63, '0') + "\xff"));  // a byte that is no digit
    Hash ones;
    ones.fill(0xff);
    EXPECT_EQ(hash_from_hex("0x" + std::string(64, 'f')), ones);
    // Every byte value survives the table-driven round trip.
    Bytes all(256);
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<uint8_t>(i);
    EXPECT_EQ(from_hex(to_hex(all)), all);
    for (int c = 0; c < 256; ++c)
    {
        const char ch = static_cast<char>(c);
        const bool digit = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
        EXPECT_EQ(hex_digit_value(ch) >= 0, digit) << c;
    }
}

TEST(bytes, quantities_have_no_leading_zeros)
{
    EXPECT_EQ(to_quantity(uint64_t{0}), "0x0");
    EXPECT_EQ(to_quantity(uint64_t{1}), "0x1");
    EXPECT_EQ(to_quantity(uint64_t{0x400}), "0x400");
    EXPECT_EQ(to_quantity(uint64_t{31337}), "0x7a69");
    EXPECT_EQ(to_quantity(~uint64_t{0}), "0xffffffffffffffff");
}

TEST(bytes, parses_quantities)
{
    EXPECT_EQ(parse_quantity("0x0"), 0u);
    EXPECT_EQ(parse_quantity("0x7a69"), 31337u);
    EXPECT_EQ(parse_quantity("0xFFFFFFFFFFFFFFFF"), ~uint64_t{0});
    EXPECT_EQ(parse_quantity("0x00ff"), 255u);
    EXPECT_FALSE(parse_quantity("0x"));
    EXPECT_FALSE(parse_quantity("7a69"));
    EXPECT_FALSE(parse_quantity("0x10000000000000000"));
    EXPECT_FALSE(parse_quantity("0xq"));
}
