// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/histogram.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace zkload::engine {

/// One interval's inclusions: how many, and their latency percentiles (µs, as Histogram).
struct IntervalFigures
{
    uint64_t count = 0;
    uint64_t p50_us = 0;
    uint64_t p99_us = 0;
};

/// Inclusion latency per fixed interval of a row (a soak row's minutes), shared by its engine
/// threads: each records into the interval its block was seen in, with relaxed atomic adds on
/// Histogram's buckets; whoever watches the row takes each interval once it is over. Memory is
/// fixed (kSlots histograms' buckets, ~140 KiB), whatever the row's length: interval k uses slot
/// k mod kSlots, so take(k) must come before interval k + kSlots begins (a taker a block
/// interval behind is far inside that).
class IntervalLatency
{
public:
    static constexpr size_t kSlots = 4;

    explicit IntervalLatency(std::chrono::steady_clock::duration interval);

    /// Where interval 0 begins; before any record (a watcher may already be asking).
    void begin(std::chrono::steady_clock::time_point start) noexcept
    {
        start_.store(start.time_since_epoch().count(), std::memory_order_release);
    }
    bool begun() const noexcept { return start_.load(std::memory_order_acquire) != 0; }
    std::chrono::steady_clock::time_point start() const noexcept
    {
        return std::chrono::steady_clock::time_point(
            std::chrono::steady_clock::duration(start_.load(std::memory_order_acquire)));
    }
    std::chrono::steady_clock::duration interval() const noexcept { return interval_; }

    /// The interval holding moment `at` (0 for a moment before the start).
    size_t interval_of(std::chrono::steady_clock::time_point at) const noexcept;

    /// One inclusion seen at `at`, `micros` after its (intended) send. Any thread.
    void record(std::chrono::steady_clock::time_point at, uint64_t micros) noexcept;

    /// Interval k's figures, its slot cleared for interval k + kSlots. Once per interval, from
    /// one thread, after it is over (records of a block seen in it may arrive a moment later:
    /// take it once the next interval is well under way).
    IntervalFigures take(size_t k);

private:
    struct Slot
    {
        std::array<std::atomic<uint64_t>, Histogram::kBuckets> counts{};
    };

    std::chrono::steady_clock::duration interval_;
    std::atomic<std::chrono::steady_clock::rep> start_{0};
    std::vector<Slot> slots_;
};

}  // namespace zkload::engine
