// SPDX-License-Identifier: Apache-2.0
// The engine against a real anvil: every transaction accounted for, checked against the chain.
#include "engine_anvil.hpp"

#include <set>

namespace zkload::engine::test {
namespace {

using namespace std::chrono_literals;

/// Our transactions in blocks first..last, counted independently of the engine: full blocks,
/// matched by sender.
uint64_t our_txns_in_blocks(rpc::Client& client, const std::vector<Address>& ours, uint64_t first, uint64_t last)
{
    std::set<std::string> senders;
    for (const Address& a : ours)
        senders.insert(to_hex(a));
    uint64_t count = 0;
    for (uint64_t n = first; n <= last; ++n)
    {
        const auto block = client.call_or_throw("eth_getBlockByNumber", nlohmann::json::array({to_quantity(n), true}));
        for (const auto& txn : block.at("transactions"))
            count += senders.count(txn.at("from").get<std::string>());
    }
    return count;
}

TEST_F(EngineOnAnvil, ClosedLoopIncludesEveryTransferAndTheChainAgrees)
{
    start(200);
    const auto op = eth_transfer(transfer_params());
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 64, .operations = 2000},
                 .operation = op.get(),
                 .shards = shards(2),
                 .rpc = {.url = devnet_->url()}};
    const uint64_t head_before = client_->block_number();
    const RowResult row = run_row(spec);

    EXPECT_EQ(row.ledger.offered, 2000u);
    EXPECT_EQ(row.ledger.submitted, 2000u);
    EXPECT_EQ(row.ledger.included, 2000u);
    EXPECT_EQ(row.ledger.failed_total(), 0u);
    EXPECT_EQ(row.ledger.nonce_resyncs, 0u);
    EXPECT_EQ(row.ledger.lost, 0u);
    EXPECT_EQ(row.ledger.gas_used, 2000u * 21'000u);
    EXPECT_EQ(row.ack.count(), 2000u);
    EXPECT_EQ(row.inclusion.count(), 2000u);
    EXPECT_GT(row.wall_seconds, 0.0);
    EXPECT_GE(row.inclusion.percentile(0.5), row.ack.percentile(0.5));  // a block comes after the answer

    const uint64_t in_chain = our_txns_in_blocks(*client_, addresses(), head_before + 1, client_->block_number());
    EXPECT_EQ(in_chain, row.ledger.included);
    const auto after = pool::account_nonces(*client_, addresses(), "latest");
    uint64_t sent = 0;
    for (const uint64_t n : after)
        sent += n;
    EXPECT_EQ(sent, 2000u);  // dev_rpc funding sends nothing from the wallets themselves
}

TEST_F(EngineOnAnvil, AStaleNonceIsRecoveredByResyncAndCounted)
{
    start(20);
    const auto op = eth_transfer(transfer_params());
    std::vector<WalletShard> shard = shards(1);
    // Wallet 0 sends one transaction behind the engine's back: its first nonce is now stale.
    SignedTxn behind;
    op->sign(pool_->wallets()[0], pool_->wallets()[1].address, shard[0].nonces[0], behind);
    client_->send_raw_transaction(behind.raw);
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 8, .operations = 200},
                 .operation = op.get(),
                 .shards = std::move(shard),
                 .rpc = {.url = devnet_->url()}};
    const RowResult row = run_row(spec);
    const uint64_t refused = row.ledger.failed_total();
    EXPECT_GE(row.ledger.failed[static_cast<size_t>(rpc::ErrorClass::nonce_too_low)] +
                  row.ledger.failed[static_cast<size_t>(rpc::ErrorClass::already_known)],
              1u);
    EXPECT_GE(row.ledger.nonce_resyncs, 1u);
    EXPECT_EQ(row.ledger.included + refused, 200u);
    EXPECT_EQ(row.ledger.lost, 0u);
}

TEST_F(EngineOnAnvil, OpenLoopAboveCapacityReportsLateSendsAndGrowingLatency)
{
    start(200);
    const auto op = eth_transfer(transfer_params());
    // 50,000/s offered through at most 16 requests in flight: the node answers far fewer.
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::open,
                            .rate_per_s = 50'000,
                            .operations = 3000,
                            .max_requests_per_thread = 16},
                 .operation = op.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};
    const RowResult row = run_row(spec);
    EXPECT_EQ(row.ledger.included, 3000u);
    EXPECT_GT(row.ledger.late, 1500u);
    // Measured from the intended start, the queue shows: the last sends waited far longer.
    EXPECT_GT(row.ack.percentile(0.99), 10 * row.ack.percentile(0.01));
    EXPECT_GT(row.ack.percentile(0.99), 200'000u);  // µs: the schedule was 60 ms long
}

TEST_F(EngineOnAnvil, ReadsCountAnswersAndNeedNoBlocks)
{
    start(10);
    const auto op = read_call(ReadKind::get_balance);
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 8, .operations = 500},
                 .operation = op.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};
    const RowResult row = run_row(spec);
    EXPECT_EQ(row.ledger.submitted, 500u);
    EXPECT_EQ(row.ledger.included, 500u);
    EXPECT_EQ(row.ack.count(), 500u);
    EXPECT_EQ(row.blocks_seen, 0u);
}

TEST_F(EngineOnAnvil, AStopRequestEndsTheRowWithWhatItMeasured)
{
    start(50);
    const auto op = eth_transfer(transfer_params());
    std::atomic<bool> stop{false};
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::open, .rate_per_s = 200, .duration = 60s},
                 .operation = op.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()},
                 .stop = &stop};
    std::thread interrupter([&stop] {
        std::this_thread::sleep_for(1500ms);
        stop = true;
    });
    const auto started = std::chrono::steady_clock::now();
    const RowResult row = run_row(spec);
    interrupter.join();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
    EXPECT_GT(row.ledger.submitted, 100u);
    EXPECT_LT(row.ledger.offered, 1000u);
    EXPECT_EQ(row.ledger.included + row.ledger.lost + row.ledger.failed_total() + row.ledger.dropped,
              row.ledger.offered);
}

}  // namespace
}  // namespace zkload::engine::test
