// SPDX-License-Identifier: Apache-2.0
// What the ranks of an MPI run send rank 0 after a row, and rank 0's merge: the oracle of a merged
// row is the same figures computed from the union of the ranks' samples in one process.
#include "engine/block_relay.hpp"
#include "engine/row_merge.hpp"

#include <gtest/gtest.h>

#include <random>

namespace zkload::engine {
namespace {

using Clock = std::chrono::steady_clock;

/// Three ranks' latency samples: the union is what one process measuring all of them records.
struct Samples
{
    std::vector<std::vector<uint64_t>> by_rank;
};

Samples known_samples()
{
    std::mt19937_64 random(20261205);
    std::lognormal_distribution<double> latency(9.0, 1.2);  // ~8 ms median, a long tail
    Samples s;
    for (const size_t n : {5'000u, 3'000u, 1u})
    {
        std::vector<uint64_t> rank;
        for (size_t i = 0; i < n; ++i)
            rank.push_back(static_cast<uint64_t>(latency(random)) + 1);
        s.by_rank.push_back(std::move(rank));
    }
    return s;
}

/// A rank's result: its samples as inclusion latencies, a ledger of them, and the blocks (10 to
/// 30, one a second on rank 0's clock) holding its transactions: rank r puts r + 1 in each.
RowResult rank_row(const std::vector<uint64_t>& samples, size_t rank, Clock::time_point t0,
                   std::optional<uint64_t> drain_block)
{
    RowResult row;
    for (const uint64_t s : samples)
    {
        row.inclusion.record(s);
        row.ack.record(s / 10 + 1);
    }
    row.ledger.offered = samples.size();
    row.ledger.included = samples.size();
    row.ledger.gas_used = 21'000 * samples.size();
    row.ledger.behind_us = 100 * (rank + 1);
    row.ledger.behind_waiting_us = 10 * (rank + 1);
    row.ledger.behind_no_wallet_us = rank + 1;
    row.ledger.late = 4 * (rank + 1);
    row.ledger.late_on_wake = 2 * (rank + 1);
    row.ledger.wake_late_max_us = rank == 1 ? 9'000 : 1'000 * (rank + 1);
    row.ledger.fail(rpc::ErrorClass::timeout);
    row.wall_seconds = 20.0 + static_cast<double>(rank);
    row.cpu_seconds = 1.5;
    row.bindings = {"cpu " + std::to_string(rank)};
    row.pending_cap = 64 - rank;
    for (uint64_t b = 10; b <= 30; ++b)
        row.tallies.push_back({.number = b, .seen_at = t0 + std::chrono::seconds(b), .ours = rank + 1,
                               .succeeded = rank + 1});
    row.drain_block = drain_block;
    return row;
}

TEST(RowMerge, MergedPercentilesAreThoseOfTheUnionOfTheRanksSamples)
{
    const Samples s = known_samples();
    const auto t0 = Clock::now();
    Histogram union_inclusion;
    uint64_t total = 0;
    for (const auto& rank : s.by_rank)
        for (const uint64_t v : rank)
        {
            union_inclusion.record(v);
            ++total;
        }
    RowResult root = rank_row(s.by_rank[0], 0, t0, 28);
    std::vector<RowResult> others;
    for (size_t r = 1; r < s.by_rank.size(); ++r)
        // through the bytes a rank sends
        others.push_back(decode_row(encode_row(rank_row(s.by_rank[r], r, t0, r == 1 ? std::optional<uint64_t>(25)
                                                                                   : std::nullopt))));
    const RowResult merged = merge_rows(std::move(root), others);

    for (const double q : {0.5, 0.9, 0.99, 0.999})
        EXPECT_EQ(merged.inclusion.percentile(q), union_inclusion.percentile(q)) << q;
    EXPECT_EQ(merged.inclusion.count(), total);
    EXPECT_EQ(merged.inclusion.max(), union_inclusion.max());
    EXPECT_EQ(merged.ledger.offered, total);
    EXPECT_EQ(merged.ledger.included, total);
    EXPECT_EQ(merged.ledger.gas_used, 21'000 * total);
    EXPECT_EQ(merged.ledger.failed_total(), 3u);
    // The lateness split travels and sums: 1 + 2 + 3 of each.
    EXPECT_EQ(merged.ledger.behind_us, 600u);
    EXPECT_EQ(merged.ledger.behind_waiting_us, 60u);
    EXPECT_EQ(merged.ledger.behind_no_wallet_us, 6u);
    EXPECT_EQ(merged.ledger.late, 24u);
    EXPECT_EQ(merged.ledger.late_on_wake, 12u);
    // The latest wake-up of all ranks' threads, not a sum: rank 1's.
    EXPECT_EQ(merged.ledger.wake_late_max_us, 9'000u);
    EXPECT_DOUBLE_EQ(merged.wall_seconds, 22.0);
    EXPECT_DOUBLE_EQ(merged.cpu_seconds, 4.5);
    EXPECT_EQ(merged.bindings, (std::vector<std::string>{"cpu 0", "cpu 1", "cpu 2"}));
    EXPECT_EQ(merged.pending_cap, 62u);

    // Steady window over the summed blocks (1 + 2 + 3 = 6 a block), ending at the earliest drain
    // (rank 1's, block 25): blocks 11 … 25 over the 15 s between seeing 10 and seeing 25.
    EXPECT_EQ(merged.drain_block, std::optional<uint64_t>(25));
    EXPECT_EQ(merged.steady.first_block, 10u);
    EXPECT_EQ(merged.steady.last_block, 25u);
    EXPECT_EQ(merged.steady.included, 15u * 6);
    EXPECT_DOUBLE_EQ(merged.steady.included_per_s(), 6.0);
}

TEST(RowMerge, ARankThatBeganDrainingBeforeTheFirstBlockLeavesNoSteadyWindow)
{
    // Rank 1 stopped sending before block 10, the first seen: its drain_block is the one before.
    // Every block after is drain, so the merged row has no steady window (the row's rate is then
    // taken over its whole length).
    const auto t0 = Clock::now();
    const RowResult merged =
        merge_rows(rank_row({100, 200}, 0, t0, std::nullopt), {decode_row(encode_row(rank_row({300}, 1, t0, 9)))});
    EXPECT_EQ(merged.drain_block, std::optional<uint64_t>(9));
    EXPECT_EQ(merged.steady.blocks, 0u);
}

TEST(RowMerge, TheSteadyWindowTravelsWithTheRow)
{
    // Rank 0 hands the merged row to the others: their steady window (which a row's rate and the
    // ceiling come from) must be rank 0's, though the blocks' sighting times stay on rank 0.
    const auto t0 = Clock::now();
    const RowResult merged = merge_rows(rank_row({100, 200}, 0, t0, 28), {rank_row({300}, 1, t0, 25)});
    ASSERT_GT(merged.steady.blocks, 0u);
    const RowResult copy = decode_row(encode_row(merged));
    EXPECT_EQ(copy.steady.first_block, merged.steady.first_block);
    EXPECT_EQ(copy.steady.last_block, merged.steady.last_block);
    EXPECT_EQ(copy.steady.blocks, merged.steady.blocks);
    EXPECT_EQ(copy.steady.included, merged.steady.included);
    EXPECT_DOUBLE_EQ(copy.steady.seconds, merged.steady.seconds);
}

TEST(RowMerge, ARankCountingABlockRankZeroNeverSawIsRefused)
{
    const auto t0 = Clock::now();
    RowResult other = rank_row({100}, 1, t0, std::nullopt);
    other.tallies.push_back({.number = 99, .ours = 1});
    EXPECT_THROW(merge_rows(rank_row({100}, 0, t0, std::nullopt), {other}), std::invalid_argument);
}

TEST(RowMerge, BytesThatAreNotARowResultAreRefused)
{
    const std::string text = R"({"ledger": 1})";
    EXPECT_THROW(decode_row(Bytes(text.begin(), text.end())), std::invalid_argument);
}

TEST(BlockRelay, TicksAndStartsReadBackAsWritten)
{
    RelayTick tick{.blocks = {{7, {Hash{1}, Hash{2}}}, {8, {}}}, .end = true};
    const RelayTick back = decode_tick(encode(tick));
    EXPECT_TRUE(back.end);
    ASSERT_EQ(back.blocks.size(), 2u);
    EXPECT_EQ(back.blocks[0].first, 7u);
    EXPECT_EQ(back.blocks[0].second, (std::vector<Hash>{Hash{1}, Hash{2}}));
    EXPECT_TRUE(back.blocks[1].second.empty());

    const RelayStart start{.next_block = 42, .interval_us = 1'000'000, .error = "node gone"};
    const RelayStart start_back = decode_start(encode(start));
    EXPECT_EQ(start_back.next_block, 42u);
    EXPECT_EQ(start_back.interval_us, 1'000'000);
    EXPECT_EQ(start_back.error, "node gone");

    Bytes cut = encode(tick);
    cut.pop_back();
    EXPECT_THROW(decode_tick(cut), std::invalid_argument);
    Bytes longer = encode(tick);
    longer.push_back(0);
    EXPECT_THROW(decode_tick(longer), std::invalid_argument);
}

}  // namespace
}  // namespace zkload::engine
