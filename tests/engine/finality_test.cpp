// SPDX-License-Identifier: Apache-2.0
// Which of a row's transactions are followed to finality, and how zkSync's stage times are read.
#include "engine/finality.hpp"

#include <gtest/gtest.h>

namespace zkload::engine {
namespace {

std::vector<BlockCount> sampled(std::vector<BlockCount> blocks, double fraction, uint64_t max = 200)
{
    return sample_for_stages(blocks, fraction, max);
}

TEST(FinalitySample, EveryKthTransactionOfTheRowGroupedByBlock)
{
    // 250 transactions over blocks of 120 (positions 0-119), 80 (120-199) and 50 (200-249): at 1%
    // positions 0 and 100 fall in the first, 200 in the third.
    const std::vector<BlockCount> blocks = {{10, 120}, {11, 80}, {12, 50}};
    EXPECT_EQ(sampled(blocks, 0.01), (std::vector<BlockCount>{{10, 2}, {12, 1}}));
    // 10%: positions 0, 10, …, 240: 12 in the first block, 8 in the second, 5 in the third.
    EXPECT_EQ(sampled(blocks, 0.1), (std::vector<BlockCount>{{10, 12}, {11, 8}, {12, 5}}));
    // Everything, but at most 130 of them.
    EXPECT_EQ(sampled(blocks, 1.0, 130), (std::vector<BlockCount>{{10, 120}, {11, 10}}));
    // Blocks smaller than the stride: a block is sampled only where a kth transaction falls in it.
    EXPECT_EQ(sampled({{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}}, 0.5), (std::vector<BlockCount>{{1, 1}, {3, 1}, {5, 1}}));
    EXPECT_TRUE(sampled(blocks, 0).empty());
    EXPECT_TRUE(sampled({}, 0.01).empty());
}

TEST(FinalityTime, ReadsZksyncsRfc3339Times)
{
    // 2024-03-05T10:00:01Z is 1709632801 s after the epoch.
    EXPECT_DOUBLE_EQ(*parse_utc_seconds("2024-03-05T10:00:01Z"), 1709632801.0);
    EXPECT_DOUBLE_EQ(*parse_utc_seconds("2024-03-05T10:00:01.250Z"), 1709632801.25);
    EXPECT_DOUBLE_EQ(*parse_utc_seconds("2024-03-05T10:00:01.429372+00:00"), 1709632801.429372);
    EXPECT_DOUBLE_EQ(*parse_utc_seconds("1970-01-01T00:00:00Z"), 0.0);
    for (const char* bad : {"", "2024-03-05", "2024-03-05T10:00:01", "2024-02-30T10:00:01Z", "2024-03-05T25:00:01Z",
                            "2024-03-05T10:00:01+02:00", "2024-03-05T10:00:01.Z", "20x4-03-05T10:00:01Z"})
        EXPECT_FALSE(parse_utc_seconds(bad).has_value()) << bad;
}

}  // namespace
}  // namespace zkload::engine
