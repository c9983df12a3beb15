// SPDX-License-Identifier: Apache-2.0
// `zkload --fund` killed between the tree's two rounds: a second run must complete the pool
// without the funder paying anyone twice (the killed run's distributors pay from their surplus).
#include "funding_fixture.hpp"
#include "contracts/deploy.hpp"
#include "pool/pool_steps.hpp"

#include <csignal>
#include <sys/wait.h>
#include <thread>

namespace zkload::pool::test {

TEST_F(Funding, a_run_killed_between_tree_rounds_completes_without_paying_twice)
{
    const Address funder = address_of(kFunder);
    const U256 eth_before = client_->get_balance(funder);
    const uint64_t nonce_before = client_->get_transaction_count(funder, "pending");

    const pid_t pid = start_zkload({"--rpc-url", devnet_->url(), "--fund", "--wallets", "1000",
                                    "--fund-strategy", "tree", "--seed", "funding-test",
                                    "--state-dir", state_dir_.string(),
                                    "--eth-per-wallet", "1000000000000000000",
                                    "--tokens-per-wallet", "100"},
                                   "/dev/null");
    ASSERT_GT(pid, 0);
    /// Two deployments, then round one (ETH multisend, approve, token multisend) is in flight.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (client_->get_transaction_count(funder, "pending") < nonce_before + 5 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "zkload finished before it could be interrupted";

    /// 1 ETH a wallet: a double payment (+1 ETH) stands far above a distributor's unspent fee
    /// allowance (< 0.1 ETH), so every balance must lie in [need, need + 0.1 ETH).
    PoolOptions one_eth = options(Strategy::tree, 1000);
    one_eth.need.eth = U256(1'000'000'000'000'000'000ull);
    PoolReport report;
    const WalletPool pool = WalletPool::prepare(*client_, kFunder, one_eth, &report);
    EXPECT_GT(report.short_eth, 0u) << "the killed run had already funded everyone";
    EXPECT_TRUE(report.deployed.empty());

    const Need need = one_eth.need;
    std::vector<Address> addresses;
    for (const Wallet& w : pool.wallets())
        addresses.push_back(w.address);
    const auto eth = eth_balances(*client_, addresses);
    const auto token = token_balances(*client_, *pool.state().contract(kTokenContract), addresses);
    for (size_t i = 0; i < addresses.size(); ++i)
    {
        EXPECT_GE(eth[i], need.eth) << "wallet " << i;
        EXPECT_LT(eth[i], need.eth + U256(100'000'000'000'000'000ull)) << "wallet " << i << " paid twice";
        EXPECT_EQ(token[i], need.token) << "wallet " << i;
    }
    const U256 funder_tokens = token_balances(*client_, *pool.state().contract(kTokenContract), std::span(&funder, 1)).at(0);
    EXPECT_EQ(funder_tokens, pool_token_supply() - need.token * 1000) << "tokens paid twice";
    const U256 eth_spent = eth_before - client_->get_balance(funder);
    EXPECT_LT(eth_spent, need.eth * 1000 + U256(1'000'000'000'000'000'000ull))
        << "the funder spent more than one pool's worth plus 1 ETH (one wallet's top-up): "
        << format_units(eth_spent, 18) << " ETH";
}

}  // namespace zkload::pool::test

namespace zkload::pool::test {

TEST_F(Funding, a_run_killed_while_deploying_is_not_followed_by_a_second_deployment)
{
    const Address funder = address_of(kFunder);
    const uint64_t nonce_before = client_->get_transaction_count(funder, "pending");
    const pid_t pid = start_zkload({"--rpc-url", devnet_->url(), "--fund", "--wallets", "300",
                                    "--fund-strategy", "tree", "--seed", "funding-test",
                                    "--state-dir", state_dir_.string()},
                                   "/dev/null");
    ASSERT_GT(pid, 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (client_->get_transaction_count(funder, "pending") < nonce_before + 1 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "zkload finished before it could be interrupted";

    PoolReport report;
    const WalletPool pool = WalletPool::prepare(*client_, kFunder, options(Strategy::tree, 300), &report);
    EXPECT_EQ(std::count(report.deployed.begin(), report.deployed.end(), "token"), 0)
        << "the token of the killed run was deployed again";
    EXPECT_EQ(*pool.state().contract(kTokenContract), evm_create_address(funder, nonce_before));
    expect_funded_once(pool, options(Strategy::tree, 300).need, true);
}

}  // namespace zkload::pool::test
