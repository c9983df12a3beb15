// SPDX-License-Identifier: Apache-2.0
// The steady window: which blocks count, and over what time.
#include "engine/steady_window.hpp"

#include <gtest/gtest.h>

namespace zkload::engine {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const Clock::time_point t0 = Clock::time_point{} + 1000s;

BlockTally block(uint64_t number, Clock::duration at, uint64_t ours, uint64_t succeeded)
{
    return {.number = number, .seen_at = t0 + at, .ours = ours, .succeeded = succeeded};
}

TEST(SteadyWindow, CountsTheBlocksAfterTheFirstOfOursUpToTheLastBeforeTheDrain)
{
    const std::vector<BlockTally> blocks = {
        block(10, 0ms, 0, 0),        // before the row's first transaction
        block(11, 1000ms, 300, 300),  // F: its transactions came in over an unknown part of a block
        block(12, 2010ms, 1000, 990),
        block(13, 3000ms, 1000, 1000),
        block(14, 4020ms, 1000, 1000),  // L: the last block seen before the drain
        block(15, 5000ms, 400, 400),    // the drain's tail
    };
    const SteadyWindow w = steady_window(blocks, t0 + 4500ms);
    EXPECT_EQ(w.first_block, 11u);
    EXPECT_EQ(w.last_block, 14u);
    EXPECT_EQ(w.blocks, 3u);
    EXPECT_EQ(w.included, 2990u);  // succeeded only; the first block's 300 are not in the window
    EXPECT_DOUBLE_EQ(w.seconds, 3.020);
    EXPECT_NEAR(w.included_per_s(), 2990 / 3.020, 1e-9);
}

TEST(SteadyWindow, EmptyBlocksInsideTheWindowCountAsTime)
{
    const std::vector<BlockTally> blocks = {block(1, 0ms, 5, 5), block(2, 1s, 0, 0), block(3, 2s, 5, 5),
                                            block(4, 3s, 0, 0)};
    const SteadyWindow w = steady_window(blocks, t0 + 10s);
    EXPECT_EQ(w.blocks, 3u);
    EXPECT_EQ(w.included, 5u);
    EXPECT_DOUBLE_EQ(w.seconds, 3.0);
}

TEST(SteadyWindow, NoneWhenEverythingFellIntoOneBlockOrNothingWasIncluded)
{
    EXPECT_EQ(steady_window({block(1, 0ms, 0, 0), block(2, 1s, 0, 0)}, t0 + 10s).blocks, 0u);
    EXPECT_EQ(steady_window({block(1, 0ms, 50, 50)}, t0 + 10s).blocks, 0u);
    // The drain began before a second block was seen: one block only.
    const SteadyWindow w = steady_window({block(1, 0ms, 50, 50), block(2, 1s, 50, 50)}, t0 + 500ms);
    EXPECT_EQ(w.blocks, 0u);
    EXPECT_EQ(w.included_per_s(), 0.0);
}

}  // namespace
}  // namespace zkload::engine
