// SPDX-License-Identifier: Apache-2.0
// The engine when its node goes away: killed in the middle of a row (the row ends in bounded
// time, names the cause, and accounts for every transaction), and restarted between rows with
// its chain state but without its mempool (the next row resyncs stale nonces and completes).
#include "fault_rows.hpp"

namespace zkload::test {
namespace {

using Clock = std::chrono::steady_clock;

/// When the node is killed: two of anvil's 1 s blocks have included transfers by then.
constexpr auto kKillAfter = 2500ms;

TEST_F(EngineFaultRows, NodeKilledMidRowEndsTheRowInBoundedTimeWithEveryTxnAccounted)
{
    start_node();
    prepare_pool(40);
    const auto op = engine::eth_transfer(transfer_params(), true);
    RowSpec spec = closed_row(*op, shards(2), node_->url(), 16);
    spec.driver.duration = 60s;  // far longer than the test: only the fault may end the row

    const auto started = Clock::now();
    std::thread killer([this] {
        std::this_thread::sleep_for(kKillAfter);
        node_->crash();
    });
    const RowResult row = run_row_within(spec, 40s);
    const auto took = Clock::now() - started;
    killer.join();
    node_->stop();

    // Ended by the fault: at most the inclusion timeout plus the RPC timeout after the kill,
    // with a little slack for a shared CI machine.
    EXPECT_LT(took, kKillAfter + kInclusionTimeout + kRpcTimeout + 3s);
    ASSERT_TRUE(row.node_lost.has_value()) << "the row did not say the node was lost";
    EXPECT_NE(row.node_lost->find("stopped answering"), std::string::npos) << *row.node_lost;
    const engine::Ledger& l = row.ledger;
    EXPECT_GT(l.included, 0u) << "transfers sent before the kill were included";
    EXPECT_GT(failed(l, rpc::ErrorClass::transport), 0u) << "the refused sends are classified as transport";
    expect_ledger_balances(l);
    EXPECT_GT(row.follower_errors, 0u);
    std::cout << "killed mid-row after " << std::chrono::duration<double>(took).count() << " s: offered "
              << l.offered << ", included " << l.included << ", lost " << l.lost << ", failed_transport "
              << failed(l, rpc::ErrorClass::transport) << ", failed " << l.failed_total() << "\n";
}

TEST_F(EngineFaultRows, NodeRestartedWithItsStateResyncsStaleNoncesAndCompletes)
{
    start_node();
    const uint16_t port = node_->port();
    prepare_pool(20);
    const auto op = engine::eth_transfer(transfer_params(), true);
    RowSpec first = closed_row(*op, shards(1), node_->url(), 8);
    first.driver.operations = 200;
    const RowResult one = run_row_within(first, 40s);
    EXPECT_EQ(one.ledger.included, 200u);
    expect_ledger_balances(one.ledger);

    // The chain state as of now; then four wallets send behind the engine's back, so the nonces
    // the next row starts from count transactions the restarted node will never have seen.
    const nlohmann::json state = client_->call_or_throw("anvil_dumpState", nlohmann::json::array());
    std::vector<WalletShard> stale = shards(1);
    for (size_t w = 0; w < 4; ++w)
    {
        SignedTxn txn;
        op->sign(pool_->wallets()[w], pool_->wallets()[w + 1].address, stale[0].nonces[w], txn);
        client_->send_raw_transaction(txn.raw);
    }
    stale = shards(1);  // read while the old node still holds them in its mempool

    node_->crash();
    node_->stop();
    start_node(port);  // same port, fresh process, the state loaded back
    ASSERT_EQ(client_->call_or_throw("anvil_loadState", nlohmann::json::array({state})), true);
    ASSERT_EQ(client_->chain_id(), 31337u);
    const std::vector<uint64_t> real = pool::account_nonces(*client_, addresses(pool_->wallets()), "latest");
    for (size_t w = 0; w < 4; ++w)
        ASSERT_EQ(stale[0].nonces[w], real[w] + 1) << "wallet " << w << "'s nonce is not stale";

    RowSpec second = closed_row(*op, std::move(stale), node_->url(), 8);
    second.driver.duration = 7s;  // long enough for a lost transaction (3 s) to be resynced and resent
    const auto started = Clock::now();
    const RowResult two = run_row_within(second, 40s);
    EXPECT_LT(Clock::now() - started, 7s + kInclusionTimeout + kRpcTimeout + 3s);

    const engine::Ledger& l = two.ledger;
    expect_ledger_balances(l);
    EXPECT_FALSE(two.node_lost.has_value());
    EXPECT_GE(l.nonce_resyncs, 1u) << "the stale nonces were never re-read";
    EXPECT_GE(l.lost + l.failed_total(), 1u) << "the transactions sent with stale nonces are counted";
    EXPECT_GT(l.included, 100u);
    // The stale wallets recovered: after the resync they sent from the node's nonce on.
    const std::vector<uint64_t> after = pool::account_nonces(*client_, addresses(pool_->wallets()), "latest");
    for (size_t w = 0; w < 4; ++w)
        EXPECT_GT(after[w], real[w]) << "wallet " << w << " never sent again after the restart";
    std::cout << "after the restart: offered " << l.offered << ", included " << l.included << ", lost " << l.lost
              << ", failed " << l.failed_total() << ", nonce_resyncs " << l.nonce_resyncs << "\n";
}

}  // namespace
}  // namespace zkload::test
