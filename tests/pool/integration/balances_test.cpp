// SPDX-License-Identifier: Apache-2.0
// Batched balance reads against a real anvil.
#include "pool/balances.hpp"
#include "pool/wallets.hpp"
#include "pool_anvil.hpp"
#include "rpc_test_support.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace zkload::pool;
using zkload::pool::itest::deploy;
using zkload::pool::itest::start_pool_anvil;

namespace {

std::vector<Address> addresses_of(const std::vector<Wallet>& wallets)
{
    std::vector<Address> out;
    for (const auto& wallet : wallets)
        out.push_back(wallet.address);
    return out;
}

/// The message of the BalanceError `f` throws, or a marker when it throws nothing.
template <typename F>
std::string balance_error(F f)
{
    try
    {
        f();
    }
    catch (const BalanceError& e)
    {
        return e.what();
    }
    return "<no BalanceError>";
}

}  // namespace

TEST(pool_balances, eth_balances_of_1000_wallets_equal_what_was_set)
{
    auto anvil = start_pool_anvil();
    const auto addresses = addresses_of(derive_wallets("zkload-balances-test", 0, 1'000));
    std::vector<U256> expected;
    std::vector<rpc::Call> calls;
    for (size_t i = 0; i < addresses.size(); ++i)
    {
        expected.push_back(U256(i) * U256(1'000'000'000'000'000ull) + i * 7);
        calls.emplace_back("anvil_setBalance",
                           nlohmann::json::array({to_hex(addresses[i]), to_quantity(expected[i])}));
        if (calls.size() == 250 || i + 1 == addresses.size())
        {
            for (const auto& reply : anvil.client->batch(calls))
                ASSERT_TRUE(reply.ok()) << reply.error->describe();
            calls.clear();
        }
    }
    EXPECT_EQ(eth_balances(*anvil.client, addresses), expected);
    EXPECT_EQ(eth_balances(*anvil.client, addresses, 128), expected);
    EXPECT_EQ(eth_balances(*anvil.client, std::span(addresses).subspan(990), 3),
              std::vector<U256>(expected.begin() + 990, expected.end()));
    EXPECT_EQ(anvil.client->get_balance(addresses[999]), expected[999]);
    EXPECT_THROW(eth_balances(*anvil.client, addresses, 0), std::invalid_argument);

    const Need need{U256(500) * U256(1'000'000'000'000'000ull), 0};
    const auto shorts = short_wallets(WalletBalances{expected, {}}, need);
    ASSERT_EQ(shorts.size(), 500u);
    EXPECT_EQ(shorts.front(), 0u);
    EXPECT_EQ(shorts.back(), 499u);
}

TEST(pool_balances, token_balances_read_balance_of)
{
    auto anvil = start_pool_anvil();
    const Address token = deploy(*anvil.client, itest::kEchoTokenInitCode);
    const auto addresses = addresses_of(derive_wallets("zkload-balances-test", 0, 300));
    const auto balances = token_balances(*anvil.client, token, addresses, 64);
    ASSERT_EQ(balances.size(), addresses.size());
    for (size_t i = 0; i < addresses.size(); ++i)
        EXPECT_EQ(balances[i], from_be_bytes(addresses[i])) << i;
}

TEST(pool_balances, token_without_code_is_reported_with_the_address)
{
    auto anvil = start_pool_anvil();
    const Address no_code = parse_address("0x00000000000000000000000000000000000c0de0");
    const auto addresses = addresses_of(derive_wallets("zkload-balances-test", 0, 5));
    const std::string message =
        balance_error([&] { token_balances(*anvil.client, no_code, addresses); });
    EXPECT_NE(message.find(to_hex(addresses[0])), std::string::npos) << message;
    EXPECT_NE(message.find(to_hex(no_code)), std::string::npos) << message;
    EXPECT_NE(message.find("no code"), std::string::npos) << message;

    const Address not_a_token = deploy(*anvil.client, itest::kAnswerInitCode);
    const auto wrong = token_balances(*anvil.client, not_a_token, addresses);
    EXPECT_EQ(wrong, std::vector<U256>(5, U256(42))) << "a 32-byte answer is taken as it comes";
}

TEST(pool_balances, reverting_token_is_reported_with_the_address_and_the_node_error)
{
    auto anvil = start_pool_anvil();
    const Address token = deploy(*anvil.client, itest::kRevertingInitCode);
    const auto addresses = addresses_of(derive_wallets("zkload-balances-test", 0, 3));
    const std::string message =
        balance_error([&] { token_balances(*anvil.client, token, addresses); });
    EXPECT_NE(message.find(to_hex(addresses[0])), std::string::npos) << message;
    EXPECT_NE(message.find(to_hex(token)), std::string::npos) << message;
    EXPECT_NE(message.find("revert"), std::string::npos) << message;
}

TEST(pool_balances, unreachable_node_is_reported_with_the_address)
{
    rpc::Client client(
        rpc::ClientOptions{.url = "http://127.0.0.1:" + std::to_string(test::closed_port())});
    const auto addresses = addresses_of(derive_wallets("zkload-balances-test", 0, 2));
    const std::string message = balance_error([&] { eth_balances(client, addresses); });
    EXPECT_NE(message.find(to_hex(addresses[0])), std::string::npos) << message;
    EXPECT_NE(message.find("transport"), std::string::npos) << message;
}
