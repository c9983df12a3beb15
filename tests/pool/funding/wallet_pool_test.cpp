// SPDX-License-Identifier: Apache-2.0
// The wallet pool on a real anvil: each strategy funds 1,000 wallets, a second run sends
// nothing, a reset chain is detected, a poor funder fails before sending, sweep returns funds.
#include "funding_fixture.hpp"
#include "pool/sweep.hpp"

namespace zkload::pool::test {

class EachStrategy : public Funding, public testing::WithParamInterface<Strategy>
{
};

TEST_P(EachStrategy, funds_1000_wallets_then_a_second_run_sends_nothing)
{
    PoolReport first;
    const WalletPool pool = WalletPool::prepare(*client_, kFunder, options(GetParam(), 1000), &first);
    EXPECT_EQ(first.strategy, GetParam());
    EXPECT_EQ(first.short_eth, 1000u);
    EXPECT_EQ(first.short_token, 1000u);
    expect_funded_once(pool, options(GetParam(), 1000).need, GetParam() == Strategy::tree);

    const uint64_t funder_nonce = client_->get_transaction_count(address_of(kFunder), "latest");
    PoolReport second;
    const WalletPool again = WalletPool::prepare(*client_, kFunder, options(GetParam(), 1000), &second);
    EXPECT_EQ(second.short_eth + second.short_token + second.transactions, 0u);
    EXPECT_TRUE(second.deployed.empty());
    EXPECT_EQ(again.state().contracts, pool.state().contracts);
    EXPECT_EQ(client_->get_transaction_count(address_of(kFunder), "latest"), funder_nonce);
}

INSTANTIATE_TEST_SUITE_P(strategies,
                         EachStrategy,
                         testing::Values(Strategy::dev_rpc, Strategy::multisend, Strategy::tree),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST_F(Funding, a_reset_chain_is_detected_and_refunded)
{
    const WalletPool before = WalletPool::prepare(*client_, kFunder, options(Strategy::tree, 300));
    start_node();
    PoolReport report;
    const WalletPool after = WalletPool::prepare(*client_, kFunder, options(Strategy::tree, 300), &report);
    /// anvil's genesis carries its start time, so a new anvil usually has a new genesis hash and
    /// thus another state file; with the same genesis the recorded contracts' missing code
    /// gives it away. Either way nothing of the old pool is trusted.
    EXPECT_TRUE(report.rebuilt_because.has_value() || after.state_path() != before.state_path());
    EXPECT_EQ(report.deployed, (std::vector<std::string>{"token", "multisend"}));
    EXPECT_EQ(report.short_eth, 300u);
    expect_funded_once(after, options(Strategy::tree, 300).need, true);
}

TEST_F(Funding, a_funder_without_enough_eth_fails_before_sending)
{
    const PrivateKey poor = keccak256(as_view("a poor funder"));
    client_->call_or_throw("anvil_setBalance",
                           nlohmann::json::array({to_hex(address_of(poor)), "0x38d7ea4c68000"}));
    try
    {
        WalletPool::prepare(*client_, poor, options(Strategy::multisend, 1000));
        FAIL() << "a funder holding 0.001 ETH funded 1000 wallets of 0.01 ETH";
    }
    catch (const PoolError& e)
    {
        EXPECT_NE(std::string(e.what()).find("short by"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("the funder sent nothing"), std::string::npos) << e.what();
    }
    EXPECT_EQ(client_->get_transaction_count(address_of(poor), "pending"), 0u);
}

TEST_F(Funding, sweep_returns_the_pool_to_the_funder)
{
    const WalletPool pool = WalletPool::prepare(*client_, kFunder, options(Strategy::tree, 300));
    const Address funder = address_of(kFunder);
    const U256 eth_before = client_->get_balance(funder);
    const SweepReport swept =
        sweep(*client_, pool.wallets(), funder, pool.state().contract(kTokenContract), std::chrono::seconds(60));
    EXPECT_EQ(swept.token_transfers, 300u);
    EXPECT_EQ(swept.eth_transfers, 300u);
    EXPECT_EQ(client_->get_balance(funder), eth_before + swept.eth_returned);

    std::vector<Address> addresses;
    for (const Wallet& w : pool.wallets())
        addresses.push_back(w.address);
    const U256 dust_limit = U256(100'000'000'000'000ull);
    for (const U256& left : eth_balances(*client_, addresses))
        EXPECT_LT(left, dust_limit) << "more than 0.0001 ETH left in a swept wallet";
    for (const U256& left : token_balances(*client_, *pool.state().contract(kTokenContract), addresses))
        EXPECT_EQ(left, 0);
}

}  // namespace zkload::pool::test
