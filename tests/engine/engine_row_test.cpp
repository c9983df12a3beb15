// SPDX-License-Identifier: Apache-2.0
// The engine against a real anvil: every transaction accounted for, checked against the chain.
#include "engine_anvil.hpp"

#include "engine/deferred_receipts.hpp"
#include "engine/operation_mix.hpp"

#include <algorithm>
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

TEST_F(EngineOnAnvil, ARowMeasuredInBlocksStopsAfterItsSteadyWindowAndItsRateIsTheChains)
{
    start(100);
    const auto op = eth_transfer(transfer_params());
    // Neither operations nor duration: the row runs until 3 blocks followed its first.
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 16, .steady_blocks = 3},
                 .operation = op.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};
    const uint64_t head_before = client_->block_number();
    const RowResult row = run_row(spec);

    ASSERT_EQ(row.steady.blocks, 3u);
    EXPECT_GT(row.steady.first_block, head_before);
    EXPECT_EQ(row.steady.last_block, row.steady.first_block + 3);
    EXPECT_EQ(row.ledger.lost, 0u);
    EXPECT_EQ(row.ledger.in_block, 0u);
    EXPECT_EQ(row.ledger.included, row.ledger.offered);
    // The window's count is the chain's: our transactions in blocks F+1 … L.
    EXPECT_EQ(row.steady.included,
              our_txns_in_blocks(*client_, addresses(), row.steady.first_block + 1, row.steady.last_block));
    EXPECT_GT(row.steady.included, 0u);
    // Three 1 s blocks, seen by a follower polling every 25 ms.
    EXPECT_NEAR(row.steady.seconds, 3.0, 0.5);
    // Every transaction of the row, first block and drain included, is in the chain.
    EXPECT_EQ(our_txns_in_blocks(*client_, addresses(), head_before + 1, client_->block_number()),
              row.ledger.included);
}

TEST_F(EngineOnAnvil, PresignedTransactionsGoFirstAndTheRestAreSignedWhileSending)
{
    start(100);
    const auto op = eth_transfer(transfer_params());
    // 300 signed before the start (over two threads), 1,000 sent: 700 signed in the window.
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 32, .operations = 1000, .presign = 300},
                 .operation = op.get(),
                 .shards = shards(2),
                 .rpc = {.url = devnet_->url()}};
    bool opened = false, closed_after_opening = false;
    spec.on_window_opened = [&] { opened = true; };
    spec.on_window_closed = [&] { closed_after_opening = opened; };
    const uint64_t head_before = client_->block_number();
    const RowResult row = run_row(spec);

    EXPECT_EQ(row.presigned, 300u);
    EXPECT_TRUE(closed_after_opening);
    EXPECT_GT(row.presign_cpu_seconds, 0.0);
    EXPECT_LT(row.presign_cpu_seconds, row.cpu_seconds);
    EXPECT_EQ(row.ledger.included, 1000u);
    EXPECT_EQ(row.ledger.nonce_resyncs, 0u);
    EXPECT_EQ(row.ledger.lost, 0u);
    EXPECT_EQ(our_txns_in_blocks(*client_, addresses(), head_before + 1, client_->block_number()), 1000u);
    // Unsent pre-signed transactions leave no gap: a row of 100 pre-signing 400 sends 100.
    spec.driver.operations = 100;
    spec.driver.presign = 400;
    spec.shards = shards(2);
    const RowResult small = run_row(spec);
    EXPECT_EQ(small.presigned, 100u);
    EXPECT_EQ(small.ledger.included, 100u);
    const auto after = pool::account_nonces(*client_, addresses(), "latest");
    uint64_t sent = 0;
    for (const uint64_t n : after)
        sent += n;
    EXPECT_EQ(sent, 1100u);
}

TEST_F(EngineOnAnvil, LiveReceiptsCountTheSameAsReceiptsReadAfterTheRow)
{
    start(50);
    const auto op = eth_transfer(transfer_params());
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed,
                            .concurrency = 16,
                            .operations = 600,
                            .receipts = DriverConfig::Receipts::live},
                 .operation = op.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};
    const RowResult live = run_row(spec);
    EXPECT_EQ(live.ledger.included, 600u);
    EXPECT_EQ(live.ledger.gas_used, 600u * 21'000u);
    EXPECT_EQ(live.receipts_read, 0u);  // read while the row ran, by the follower

    spec.driver.receipts = DriverConfig::Receipts::deferred;
    spec.shards = shards(1);
    const RowResult deferred = run_row(spec);
    EXPECT_EQ(deferred.ledger.included, 600u);
    EXPECT_EQ(deferred.ledger.gas_used, 600u * 21'000u);
    EXPECT_EQ(deferred.receipts_read, 600u);  // every one: this operation does not claim a fixed outcome
    EXPECT_FALSE(deferred.receipts_sampled);

    // A transfer whose receipt the protocol fixes: a sample stands for the rest.
    const auto fixed = eth_transfer(transfer_params(), true);
    spec.operation = fixed.get();
    spec.shards = shards(1);
    const RowResult sampled = run_row(spec);
    EXPECT_EQ(sampled.ledger.included, 600u);
    EXPECT_EQ(sampled.ledger.gas_used, 600u * 21'000u);
    EXPECT_TRUE(sampled.receipts_sampled);
    EXPECT_EQ(sampled.receipts_read, 256u);
}

TEST_F(EngineOnAnvil, ReceiptsExpectedInAdvanceAreSampledUnlessTheSampleDisagrees)
{
    start(50);
    // An "ERC20 transfer" to an address without code: status 1, 21,000 gas plus its calldata,
    // which varies with the zero bytes of each peer's address.
    const Address no_code = parse_fixed_hex<20>("0x00000000000000000000000000000000000dead1");
    TxnParams params = transfer_params();
    params.gas_limit = 60'000;
    const auto wrong = erc20_transfer(params, no_code, 50'000);
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 16, .operations = 600},
                 .operation = wrong.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};
    const RowResult all = run_row(spec);
    EXPECT_EQ(all.ledger.included, 600u);
    EXPECT_FALSE(all.receipts_sampled);
    EXPECT_EQ(all.receipts_read, kReceiptSample + 600u);  // the sample, then every receipt
    const uint64_t exact = all.ledger.gas_used;
    ASSERT_GT(exact, 600u * 21'000u);

    const auto right = erc20_transfer(params, no_code, exact / 600);
    spec.operation = right.get();
    spec.shards = shards(1);
    const RowResult sampled = run_row(spec);
    EXPECT_EQ(sampled.ledger.included, 600u);
    EXPECT_TRUE(sampled.receipts_sampled);
    EXPECT_EQ(sampled.receipts_read, kReceiptSample);
    EXPECT_NEAR(static_cast<double>(sampled.ledger.gas_used), static_cast<double>(exact), 600.0 * 24);
}

TEST_F(EngineOnAnvil, ReceiptsTheNodeNoLongerHasCountAsIncludedAndMissing)
{
    // A node that keeps the transactions of its last 4 blocks only (the embedded devnet keeps
    // kDevnetTransactionBlocks), and rows spread over ~10 blocks: by the time the row's receipts
    // are read, those of its first blocks are gone (eth_getTransactionReceipt answers null,
    // eth_getBlockReceipts an empty list).
    std::vector<std::string> args = DevnetOptions::load_defaults();
    const auto keeper = std::find(args.begin(), args.end(), "--transaction-block-keeper");
    ASSERT_NE(keeper, args.end());
    *std::next(keeper) = "4";
    start(50, args);
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::open, .rate_per_s = 60, .operations = 600},
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};

    // Receipts known in advance: what came back of the sample confirms it; it is not read again.
    const auto fixed = eth_transfer(transfer_params(), true);
    spec.operation = fixed.get();
    const RowResult sampled = run_row(spec);
    EXPECT_EQ(sampled.ledger.included, 600u);
    EXPECT_TRUE(sampled.receipts_sampled);
    EXPECT_GT(sampled.receipts_missing, 0u);
    EXPECT_GE(sampled.receipts_read, kReceiptSampleQuorum);
    EXPECT_EQ(sampled.receipts_read + sampled.receipts_missing, kReceiptSample);
    EXPECT_EQ(sampled.ledger.gas_used, 600u * 21'000u);
    EXPECT_EQ(sampled.follower_errors, 0u);

    // Every receipt asked for: those of the pruned blocks count as included, without a status.
    const auto plain = eth_transfer(transfer_params());
    spec.operation = plain.get();
    spec.shards = shards(1);
    const RowResult all = run_row(spec);
    EXPECT_EQ(all.ledger.included, 600u);
    EXPECT_EQ(all.ledger.in_block, 0u);
    EXPECT_GT(all.receipts_missing, 0u);
    EXPECT_GT(all.receipts_read, 0u);
    EXPECT_EQ(all.receipts_read + all.receipts_missing, 600u);
    EXPECT_EQ(all.ledger.gas_used, all.receipts_read * 21'000u);
    EXPECT_EQ(all.follower_errors, 0u);
}

TEST_F(EngineOnAnvil, AMixCountsEachPartAsItsReceiptsSay)
{
    start(50);
    // Part 0 transfers (status 1); part 1 deploys code that reverts at once (status 0).
    TxnParams reverting = transfer_params();
    reverting.gas_limit = 100'000;
    std::vector<std::unique_ptr<Operation>> parts;
    parts.push_back(eth_transfer(transfer_params()));
    parts.push_back(contract_deploy(reverting, parse_hex("0x60006000fd")));  // PUSH1 0 PUSH1 0 REVERT
    const auto op = mix(std::move(parts), {3, 1});
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::closed, .concurrency = 32, .operations = 800},
                 .operation = op.get(),
                 .shards = shards(2),
                 .rpc = {.url = devnet_->url()}};
    const RowResult row = run_row(spec);
    ASSERT_EQ(row.parts.size(), 2u);
    const PartResult& transfers = row.parts[0];
    const PartResult& reverts = row.parts[1];
    EXPECT_EQ(row.ledger.included + row.ledger.reverted, 800u);
    EXPECT_EQ(transfers.included, row.ledger.included);
    EXPECT_EQ(transfers.reverted, 0u);
    EXPECT_EQ(reverts.included, 0u);
    EXPECT_EQ(reverts.reverted, row.ledger.reverted);
    EXPECT_EQ(transfers.inclusion.count() + reverts.inclusion.count(), 800u);
    EXPECT_EQ(transfers.inclusion.count() + reverts.inclusion.count(), row.inclusion.count());
    // A quarter drawn for the reverting part: 200 expected, binomial spread ~12.
    EXPECT_GT(reverts.reverted, 150u);
    EXPECT_LT(reverts.reverted, 250u);
    // Each wallet's nonces say which part it sent: count them from the operation and compare.
    uint64_t drawn_reverts = 0;
    const auto after = pool::account_nonces(*client_, addresses(), "latest");
    for (size_t w = 0; w < after.size(); ++w)
        for (uint64_t nonce = 0; nonce < after[w]; ++nonce)
            drawn_reverts += op->part_of(addresses()[w], nonce);
    EXPECT_EQ(drawn_reverts, reverts.reverted);

    spec.driver.receipts = DriverConfig::Receipts::live;
    spec.shards = shards(1);
    EXPECT_THROW(run_row(spec), std::invalid_argument);
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
    // Behind its schedule, the thread mostly sat waiting for a free request slot, not a wallet
    // (200 wallets, 16 requests of one transaction).
    EXPECT_GT(row.ledger.behind_waiting_us, row.ledger.behind_us / 2);
    EXPECT_LT(row.ledger.behind_no_wallet_us, row.ledger.behind_waiting_us / 10);
    // Held back for a request slot, not asleep on a timer when they fell due: not the host's doing.
    EXPECT_LT(row.ledger.late_on_wake, row.ledger.late / 10);
    // Measured from the intended start, the queue shows: the last sends waited far longer.
    EXPECT_GT(row.ack.percentile(0.99), 10 * row.ack.percentile(0.01));
    EXPECT_GT(row.ack.percentile(0.99), 200'000u);  // µs: the schedule was 60 ms long
}

TEST_F(EngineOnAnvil, AnOpenLoopWithFewWalletsWaitsForThemNotForRequestSlots)
{
    start(8);
    const auto op = eth_transfer(transfer_params());
    // 50,000/s from 8 wallets, each awaiting the node's answer before its next send, with request
    // slots to spare: the schedule runs ahead and the thread waits for a free wallet.
    RowSpec spec{.driver = {.mode = DriverConfig::Mode::open, .rate_per_s = 50'000, .operations = 400},
                 .operation = op.get(),
                 .shards = shards(1),
                 .rpc = {.url = devnet_->url()}};
    const RowResult row = run_row(spec);
    EXPECT_EQ(row.ledger.included, 400u);
    EXPECT_GT(row.ledger.late, 200u);
    EXPECT_GT(row.ledger.behind_waiting_us, row.ledger.behind_us / 2);
    EXPECT_GT(row.ledger.behind_no_wallet_us, row.ledger.behind_waiting_us * 9 / 10);
    EXPECT_LE(row.ledger.behind_no_wallet_us, row.ledger.behind_waiting_us);
}

TEST_F(EngineOnAnvil, OpenLoopStartsDueTogetherShareARequest)
{
    start(200);
    const auto op = eth_transfer(transfer_params());
    // 4,000/s is a start every 250 us: with batches of up to 16 a due start waits up to half the
    // 1 ms lateness allowance for the next ones, so requests carry about three; with batches of
    // one, every start is a request of its own. (How long the hold is: open_loop_hold's test.)
    for (const uint64_t batch : {uint64_t{16}, uint64_t{1}})
    {
        SCOPED_TRACE(batch);
        RowSpec spec{.driver = {.mode = DriverConfig::Mode::open, .rate_per_s = 4000, .operations = 2000, .batch = batch},
                     .operation = op.get(),
                     .shards = shards(1),
                     .rpc = {.url = devnet_->url()}};
        const RowResult row = run_row(spec);
        EXPECT_EQ(row.ledger.included, 2000u);
        EXPECT_EQ(row.ledger.offered - row.ledger.dropped, 2000u);  // what the requests carried
        if (batch == 1)
            EXPECT_EQ(row.ledger.requests, 2000u);
        else
            EXPECT_LE(row.ledger.requests, 1000u);  // two or more a request
    }
}

TEST_F(EngineOnAnvil, ReadsCountAnswersAndNeedNoBlocks)
{
    start(10);
    const auto op = read_call("eth_getBalance",
                              [](const Address& who) { return nlohmann::json::array({to_hex(who), "latest"}); });
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
