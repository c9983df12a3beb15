// SPDX-License-Identifier: Apache-2.0
// Run under `mpirun -np 2`: the collective steps of a row in an MPI run (fixtures/ranks.hpp) give
// every rank the same answer, so that no rank goes on alone while another waits for it. Each test
// runs on both ranks; rank 1's part differs from rank 0's where a real run's could.
#include "cluster/cluster.hpp"
#include "engine/row_merge.hpp"
#include "load_row_parts.hpp"
#include "ranks.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace zkload {
namespace {

/// What a rank measured: rank 0 had 7 of its 10 transactions included, rank 1 none of its 20
/// (each with latency samples of its own).
engine::RowResult rank_row(int rank)
{
    engine::RowResult row;
    row.ledger.offered = 10 * static_cast<uint64_t>(rank + 1);
    row.ledger.included = rank == 0 ? 7 : 0;
    for (uint64_t i = 0; i < row.ledger.included; ++i)
        row.inclusion.record(1'000 * (i + 1));
    for (uint64_t i = 0; i < row.ledger.offered; ++i)
        row.ack.record(100 * (i + 1) + static_cast<uint64_t>(rank));
    row.wall_seconds = 10.0 + rank;
    row.bindings = {"cpu " + std::to_string(rank)};
    // Blocks 1 … 4, one a second from one moment (one host: one clock), rank r's r + 1 in each;
    // the drain began after block 3.
    const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    for (uint64_t b = 1; b <= 4; ++b)
        row.tallies.push_back({.number = b,
                               .seen_at = t0 + std::chrono::seconds(b),
                               .ours = static_cast<uint64_t>(rank) + 1,
                               .succeeded = static_cast<uint64_t>(rank) + 1});
    row.drain_block = 3;
    return row;
}

TEST(RanksAgree, EveryRankGetsTheMergedRowAndTheSameVerdict)
{
    ASSERT_EQ(ranks().size(), 2) << "run under mpirun -np 2";
    const engine::RowResult mine = rank_row(ranks().rank());
    // Alone, rank 1's part would fail the row and rank 0's would not: the verdict must come from
    // the merged row, or rank 1 would leave while rank 0 goes on to the next collective step.
    EXPECT_EQ(load_row::row_failure(mine).has_value(), ranks().rank() == 1);

    const engine::RowResult merged = merge_across_ranks(mine);
    EXPECT_EQ(merged.ledger.offered, 30u);
    EXPECT_EQ(merged.ledger.included, 7u);
    EXPECT_EQ(merged.ack.count(), 30u);
    EXPECT_EQ(merged.bindings.size(), 2u);
    EXPECT_FALSE(load_row::row_failure(merged).has_value());
    // The steady window over the summed blocks (3 a block), blocks 2 and 3 over 2 s: on every
    // rank, for the row's rate and the ceiling later rows plan from.
    EXPECT_EQ(merged.steady.blocks, 2u);
    EXPECT_EQ(merged.steady.included, 6u);
    EXPECT_DOUBLE_EQ(load_row::included_rate(merged), 3.0);

    // Byte for byte the same row on both ranks.
    const std::vector<Bytes> all = ranks().gather(engine::encode_row(merged));
    if (ranks().rank() == 0)
    {
        ASSERT_EQ(all.size(), 2u);
        EXPECT_EQ(all[0], all[1]);
    }
}

TEST(RanksAgree, ARankThatLostTheNodeIsNamedInTheMergedRow)
{
    engine::RowResult mine = rank_row(ranks().rank());
    if (ranks().rank() == 1)
        mine.node_lost = "the node stopped answering";
    const engine::RowResult merged = merge_across_ranks(std::move(mine));
    ASSERT_TRUE(merged.node_lost.has_value());
    EXPECT_EQ(*merged.node_lost, "rank 1 (" + ranks().host() + "): the node stopped answering");
    const std::optional<std::string> failure = load_row::row_failure(merged);
    ASSERT_TRUE(failure.has_value());
    EXPECT_NE(failure->find("rank 1 ("), std::string::npos) << *failure;
}

TEST(RanksAgree, ARankThatCouldNotPrepareIsNamedOnEveryRank)
{
    const std::optional<std::string> mine =
        ranks().rank() == 1 ? std::optional<std::string>("no funds for the check transaction") : std::nullopt;
    const std::optional<std::string> why = agree_to_run(mine);
    ASSERT_TRUE(why.has_value());
    EXPECT_EQ(*why, "rank 1 (" + ranks().host() + "): no funds for the check transaction");
    EXPECT_FALSE(agree_to_run(std::nullopt).has_value());
}

TEST(RanksAgree, RankZerosTextAndValueReachEveryRank)
{
    EXPECT_EQ(rank_0_text(ranks().rank() == 0 ? "from rank 0" : "ignored"), "from rank 0");
    // Bit for bit: every rank judges capacity probes by this objective.
    EXPECT_EQ(rank_0_value(ranks().rank() == 0 ? 1.0 / 3.0 : 7.0), 1.0 / 3.0);
}

TEST(RanksAgree, EveryRateAndCountIsShared)
{
    engine::DriverConfig closed{.mode = engine::DriverConfig::Mode::closed, .concurrency = 5};
    closed.operations = 3;
    closed.presign = 9;
    closed.presign_per_s = 100;
    take_rank_share(closed);
    const bool first = ranks().rank() == 0;
    EXPECT_EQ(closed.concurrency, first ? 3u : 2u);
    EXPECT_EQ(closed.operations, first ? 2u : 1u);
    EXPECT_EQ(closed.presign, first ? 5u : 4u);
    EXPECT_DOUBLE_EQ(closed.presign_per_s, 50.0);  // in a closed loop too

    engine::DriverConfig open{.mode = engine::DriverConfig::Mode::open};
    open.rate_per_s = 500;
    take_rank_share(open);
    EXPECT_DOUBLE_EQ(open.rate_per_s, 250.0);
}

TEST(RanksAgree, FewerOperationsThanRanksAreRefused)
{
    // A rank's share of 0 operations would mean a row without a limit.
    engine::DriverConfig d{.mode = engine::DriverConfig::Mode::closed, .concurrency = 2};
    d.operations = 1;
    EXPECT_THROW(take_rank_share(d), std::invalid_argument);
}

}  // namespace
}  // namespace zkload

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    zkload::cluster::this_cluster();  // MPI before the tests
    const int failed = RUN_ALL_TESTS();
    zkload::cluster::finish_cluster();
    return failed;
}
