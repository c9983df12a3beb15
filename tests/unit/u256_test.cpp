// SPDX-License-Identifier: Apache-2.0
#include "codec/u256.hpp"

#include <gtest/gtest.h>

using namespace zkload;

namespace {
const U256 kMax = parse_u256("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
}

TEST(u256, parses_decimal_and_hex)
{
    EXPECT_EQ(parse_u256("0"), 0);
    EXPECT_EQ(parse_u256("1000000000000000000"), parse_u256("0xde0b6b3a7640000"));
    EXPECT_EQ(to_decimal(kMax),
              "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    EXPECT_EQ(parse_u256(to_decimal(kMax)), kMax);
}

TEST(u256, rejects_bad_text_and_overflow)
{
    EXPECT_THROW(parse_u256(""), std::invalid_argument);
    EXPECT_THROW(parse_u256("0x"), std::invalid_argument);
    EXPECT_THROW(parse_u256("12a"), std::invalid_argument);
    EXPECT_THROW(parse_u256("-1"), std::invalid_argument);
    EXPECT_THROW(parse_u256("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
                 std::invalid_argument);
}

TEST(u256, arithmetic_is_checked)
{
    EXPECT_THROW(static_cast<void>(kMax + 1), std::overflow_error);
    EXPECT_THROW(static_cast<void>(U256(0) - 1), std::range_error);
    EXPECT_THROW(to_uint64(U256(1) << 64), std::overflow_error);
    EXPECT_EQ(to_uint64((U256(1) << 64) - 1), ~uint64_t{0});
}

TEST(u256, quantities)
{
    EXPECT_EQ(to_quantity(U256(0)), "0x0");
    EXPECT_EQ(to_quantity(U256(15)), "0xf");
    EXPECT_EQ(to_quantity(parse_u256("1000000000000000000")), "0xde0b6b3a7640000");
    EXPECT_EQ(to_quantity(kMax), "0x" + std::string(64, 'f'));
}

TEST(u256, big_endian_bytes)
{
    EXPECT_EQ(to_be_bytes_trimmed(U256(0)), Bytes{});
    EXPECT_EQ(to_be_bytes_trimmed(U256(0x0100)), (Bytes{0x01, 0x00}));
    const Hash word = to_be_bytes32(U256(0xabcd));
    EXPECT_EQ(to_hex(word), "0x" + std::string(60, '0') + "abcd");
    EXPECT_EQ(from_be_bytes(word), U256(0xabcd));
    EXPECT_EQ(from_be_bytes(to_be_bytes32(kMax)), kMax);
    EXPECT_THROW(from_be_bytes(Bytes(33, 1)), std::invalid_argument);
}
