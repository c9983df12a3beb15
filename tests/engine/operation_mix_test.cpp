// SPDX-License-Identifier: Apache-2.0
// The mix's draw: by weight, the same for the same sender and nonce, and refused when malformed.
#include "engine/operation_mix.hpp"

#include <gtest/gtest.h>

#include <array>

namespace zkload::engine {
namespace {

TxnParams params()
{
    return {
        .chain_id = 1, .max_priority_fee_per_gas = 1, .max_fee_per_gas = 2, .gas_limit = 21'000};
}

std::vector<std::unique_ptr<Operation>> transfers(size_t n)
{
    std::vector<std::unique_ptr<Operation>> parts;
    for (size_t i = 0; i < n; ++i)
        parts.push_back(eth_transfer(params()));
    return parts;
}

Address address(uint32_t i)
{
    Address a{};
    a[0] = 0x42;
    a[16] = static_cast<uint8_t>(i >> 24);
    a[17] = static_cast<uint8_t>(i >> 16);
    a[18] = static_cast<uint8_t>(i >> 8);
    a[19] = static_cast<uint8_t>(i);
    return a;
}

TEST(operation_mix, parts_are_drawn_by_weight_over_wallets_and_nonces)
{
    const auto m = mix(transfers(3), {70, 20, 10});
    ASSERT_EQ(m->parts(), 3u);
    std::array<uint64_t, 3> drawn{};
    for (uint32_t wallet = 0; wallet < 1000; ++wallet)
        for (uint64_t nonce = 0; nonce < 100; ++nonce)
            ++drawn.at(m->part_of(address(wallet), nonce));
    // 100,000 draws: a binomial's standard deviation is under 150, so ±1% is > 6 of them.
    EXPECT_NEAR(static_cast<double>(drawn[0]), 70'000, 1'000);
    EXPECT_NEAR(static_cast<double>(drawn[1]), 20'000, 1'000);
    EXPECT_NEAR(static_cast<double>(drawn[2]), 10'000, 1'000);
}

TEST(operation_mix, one_wallet_mixes_its_own_nonces_and_the_draw_repeats)
{
    const auto m = mix(transfers(2), {1, 1});
    uint64_t second = 0;
    for (uint64_t nonce = 0; nonce < 1000; ++nonce)
    {
        const size_t part = m->part_of(address(7), nonce);
        EXPECT_EQ(part, m->part_of(address(7), nonce));
        second += part;
    }
    EXPECT_GT(second, 400u);
    EXPECT_LT(second, 600u);
}

TEST(operation_mix, a_malformed_mix_is_refused)
{
    EXPECT_THROW(mix({}, {}), std::invalid_argument);
    EXPECT_THROW(mix(transfers(2), {1}), std::invalid_argument);
    EXPECT_THROW(mix(transfers(2), {1, 0}), std::invalid_argument);
    std::vector<std::unique_ptr<Operation>> with_read = transfers(1);
    with_read.push_back(
        read_call("eth_blockNumber", [](const Address&) { return nlohmann::json::array(); }));
    EXPECT_THROW(mix(std::move(with_read), {1, 1}), std::invalid_argument);
}

}  // namespace
}  // namespace zkload::engine
