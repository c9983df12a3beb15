// SPDX-License-Identifier: Apache-2.0
#include "engine/live_progress.hpp"

#include <algorithm>

namespace zkload::engine {

void RowProgress::Thread::publish(const ProgressSnapshot& s) noexcept
{
    constexpr auto relaxed = std::memory_order_relaxed;
    offered.store(s.offered, relaxed);
    submitted.store(s.submitted, relaxed);
    included.store(s.included, relaxed);
    failed.store(s.failed, relaxed);
    lost.store(s.lost, relaxed);
    in_flight.store(s.in_flight, relaxed);
    awaiting_block.store(s.awaiting_block, relaxed);
    steady_blocks.store(s.steady_blocks, relaxed);
}

ProgressSnapshot RowProgress::total() const noexcept
{
    constexpr auto relaxed = std::memory_order_relaxed;
    ProgressSnapshot sum;
    for (const Thread& t : threads_)
    {
        sum.offered += t.offered.load(relaxed);
        sum.submitted += t.submitted.load(relaxed);
        sum.included += t.included.load(relaxed);
        sum.failed += t.failed.load(relaxed);
        sum.lost += t.lost.load(relaxed);
        sum.in_flight += t.in_flight.load(relaxed);
        sum.awaiting_block += t.awaiting_block.load(relaxed);
        sum.steady_blocks = std::max(sum.steady_blocks, t.steady_blocks.load(relaxed));
    }
    return sum;
}

}  // namespace zkload::engine
