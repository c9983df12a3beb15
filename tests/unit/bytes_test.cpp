// SPDX-License-Identifier: Apache-2.0
#include "bytes.hpp"

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
