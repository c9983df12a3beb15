// SPDX-License-Identifier: Apache-2.0
#include "abi/abi.hpp"
#include "pool/balances.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace zkload::pool;

namespace {

const U256 kGwei = 1'000'000'000;
const U256 kEther = parse_u256("1000000000000000000");

}  // namespace

TEST(pool_balance_plan, needed_eth_by_hand)
{
    FeePlan plan;
    plan.base_fee_per_gas = 10 * kGwei;
    plan.priority_fee_per_gas = 1'500'000'000;
    plan.gas_per_txn = 21'000;
    plan.txns_per_wallet = 1'000;
    plan.value_per_txn = 1'000'000'000'000;
    EXPECT_EQ(plan.margin_percent, 20u);
    /// max fee = 2 × 10 gwei + 1.5 gwei = 21.5 gwei; fees = 1000 × 21000 × 21.5 gwei = 0.4515 ETH,
    /// × 1.2 = 0.5418 ETH; values = 1000 × 1e12 wei = 0.001 ETH; total 0.5428 ETH.
    EXPECT_EQ(max_fee_per_gas(plan), parse_u256("21500000000"));
    EXPECT_EQ(needed_eth_per_wallet(plan), parse_u256("542800000000000000"));
    plan.margin_percent = 0;
    EXPECT_EQ(needed_eth_per_wallet(plan), parse_u256("452500000000000000"));
    plan.txns_per_wallet = 0;
    EXPECT_EQ(needed_eth_per_wallet(plan), U256(0));
}

TEST(pool_balance_plan, margin_rounds_up_and_overflow_throws)
{
    FeePlan plan;
    plan.base_fee_per_gas = 1;
    plan.gas_per_txn = 1;
    plan.txns_per_wallet = 1;
    /// 1 × 1 × 2 wei × 1.2 = 2.4 wei, rounded up to 3.
    EXPECT_EQ(needed_eth_per_wallet(plan), U256(3));
    plan.base_fee_per_gas = parse_u256("0x" + std::string(62, 'f'));
    plan.gas_per_txn = 1'000'000;
    EXPECT_THROW(needed_eth_per_wallet(plan), std::overflow_error);
}

TEST(pool_balance_plan, short_wallets_and_top_up)
{
    const Need need{100, 5};
    WalletBalances balances{{100, 99, 500, 0, 100}, {5, 5, 4, 9, 6}};
    EXPECT_EQ(short_wallets(balances, need), (std::vector<size_t>{1, 2, 3}));
    balances.token.clear();
    EXPECT_THROW(short_wallets(balances, need), std::invalid_argument);
    EXPECT_EQ(short_wallets(balances, Need{100, 0}), (std::vector<size_t>{1, 3}));
    balances.token = {1, 2};
    EXPECT_THROW(short_wallets(balances, need), std::invalid_argument);
    EXPECT_EQ(top_up(40, 100), U256(60));
    EXPECT_EQ(top_up(100, 100), U256(0));
    EXPECT_EQ(top_up(150, 100), U256(0));
}

TEST(pool_balance_plan, balance_of_calldata)
{
    const Address holder = parse_address("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    const Bytes expected =
        zkload::abi::encode_call("balanceOf(address)", {zkload::abi::address(holder)});
    EXPECT_EQ(to_hex(balance_of_calldata(holder)), to_hex(expected));
    EXPECT_EQ(to_hex(balance_of_calldata(holder)).substr(0, 10), "0x70a08231");
}

TEST(pool_balance_plan, format_units)
{
    EXPECT_EQ(format_units(parse_u256("12500000000000000000"), 18), "12.5");
    EXPECT_EQ(format_units(3 * kEther, 18), "3");
    EXPECT_EQ(format_units(0, 18), "0");
    EXPECT_EQ(format_units(1, 18), "0.000000000000000001");
    EXPECT_EQ(format_units(1'234'567, 6), "1.234567");
    EXPECT_EQ(format_units(42, 0), "42");
}

TEST(pool_balance_plan, funder_with_enough_passes)
{
    EXPECT_FALSE(check_funder(10 * kEther, 5, 10 * kEther, 5));
    EXPECT_FALSE(check_funder(10 * kEther, 0, kEther, 0));
}

TEST(pool_balance_plan, shortfall_messages_name_the_amounts)
{
    const U256 needed = parse_u256("13500000000000000000");
    const auto eth_only = check_funder(kEther, 0, needed, 0);
    ASSERT_TRUE(eth_only);
    EXPECT_NE(eth_only->find("short by 12.5 ETH"), std::string::npos) << *eth_only;
    EXPECT_NE(eth_only->find("holds 1 ETH"), std::string::npos) << *eth_only;
    EXPECT_NE(eth_only->find("needs 13.5 ETH"), std::string::npos) << *eth_only;
    EXPECT_EQ(eth_only->find("token"), std::string::npos) << *eth_only;

    const auto token_only = check_funder(needed, 250 * kEther, needed, 1000 * kEther);
    ASSERT_TRUE(token_only);
    EXPECT_NE(token_only->find("short by 750 tokens"), std::string::npos) << *token_only;
    EXPECT_EQ(token_only->find("ETH"), std::string::npos) << *token_only;

    const auto both = check_funder(0, 0, kEther / 2, 2'500'000, 6);
    ASSERT_TRUE(both);
    EXPECT_NE(both->find("short by 0.5 ETH"), std::string::npos) << *both;
    EXPECT_NE(both->find("and by 2.5 tokens"), std::string::npos) << *both;

    const Shortfall s = shortfall(kEther, 10, 3 * kEther, 4);
    EXPECT_EQ(s.eth, 2 * kEther);
    EXPECT_EQ(s.token, U256(0));
    EXPECT_TRUE(s.any());
}
