// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace zkload::engine {

/// One block of a row as the steady window needs it: when the follower saw it and how many of
/// the row's transactions it held (and how many of those succeeded).
struct BlockTally
{
    uint64_t number = 0;
    std::chrono::steady_clock::time_point seen_at;
    uint64_t ours = 0;
    uint64_t succeeded = 0;
};

/// A row's steady state: from the first block holding one of its transactions (F) to the last
/// block seen before its drain began (L). Its rate counts the transactions of blocks F+1 … L
/// over the time between seeing F and seeing L, so neither the ramp before F nor the drain after
/// L, nor where a row's first and last transaction fall inside a block, moves the figure.
struct SteadyWindow
{
    uint64_t first_block = 0;
    uint64_t last_block = 0;
    /// L − F: how many block intervals the window spans (0: no steady window).
    uint64_t blocks = 0;
    /// Successful transactions of the row in blocks F+1 … L.
    uint64_t included = 0;
    double seconds = 0;

    double included_per_s() const { return seconds > 0 ? static_cast<double>(included) / seconds : 0.0; }
};

/// The steady window of `blocks` (in block order, empty ones too) for a row whose drain began at
/// `drain_start`. A row whose transactions all fell into one block, or that saw no block after
/// the first of its own before the drain, has none (blocks == 0).
SteadyWindow steady_window(const std::vector<BlockTally>& blocks, std::chrono::steady_clock::time_point drain_start);

}  // namespace zkload::engine
