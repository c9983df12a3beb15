// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zkload::engine {

/// A row's figures so far, as a person watching it wants them (see RowProgress).
struct ProgressSnapshot
{
    uint64_t offered = 0;
    uint64_t submitted = 0;
    /// In a block (with deferred receipts, before their status is known).
    uint64_t included = 0;
    uint64_t failed = 0;
    uint64_t lost = 0;
    uint64_t in_flight = 0;
    uint64_t awaiting_block = 0;
    /// Blocks seen after the row's first block holding one of its transactions.
    uint64_t steady_blocks = 0;
};

/// What a row has done so far, for live progress only (nothing of it is measured or written
/// to the JSON): each engine thread publishes its own figures once per turn of its loop, with
/// relaxed stores on a cache line of its own, and a reader adds them up whenever it likes.
class RowProgress
{
public:
    struct alignas(64) Thread
    {
        std::atomic<uint64_t> offered{0};
        std::atomic<uint64_t> submitted{0};
        std::atomic<uint64_t> included{0};
        std::atomic<uint64_t> failed{0};
        std::atomic<uint64_t> lost{0};
        std::atomic<uint64_t> in_flight{0};
        std::atomic<uint64_t> awaiting_block{0};
        std::atomic<uint64_t> steady_blocks{0};

        void publish(const ProgressSnapshot& s) noexcept;
    };

    explicit RowProgress(size_t threads) : threads_(threads) {}

    Thread& thread(size_t i) { return threads_.at(i); }
    size_t threads() const noexcept { return threads_.size(); }

    /// The threads' figures added up (steady_blocks: the furthest any thread has seen).
    ProgressSnapshot total() const noexcept;

private:
    std::vector<Thread> threads_;
};

}  // namespace zkload::engine
