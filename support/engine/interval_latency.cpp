// SPDX-License-Identifier: Apache-2.0
#include "engine/interval_latency.hpp"

#include <stdexcept>

namespace zkload::engine {

IntervalLatency::IntervalLatency(std::chrono::steady_clock::duration interval) : interval_(interval), slots_(kSlots)
{
    if (interval.count() <= 0)
        throw std::invalid_argument("an interval latency needs a positive interval");
}

size_t IntervalLatency::interval_of(std::chrono::steady_clock::time_point at) const noexcept
{
    const auto from = start();
    return at <= from ? 0 : static_cast<size_t>((at - from) / interval_);
}

void IntervalLatency::record(std::chrono::steady_clock::time_point at, uint64_t micros) noexcept
{
    Slot& slot = slots_[interval_of(at) % kSlots];
    slot.counts[Histogram::bucket_index(micros)].fetch_add(1, std::memory_order_relaxed);
}

IntervalFigures IntervalLatency::take(size_t k)
{
    Slot& slot = slots_[k % kSlots];
    Histogram h;
    for (size_t i = 0; i < Histogram::kBuckets; ++i)
        if (const uint64_t n = slot.counts[i].exchange(0, std::memory_order_relaxed); n != 0)
            h.add_bucket(i, n);
    return {.count = h.count(), .p50_us = h.percentile(0.5), .p99_us = h.percentile(0.99)};
}

}  // namespace zkload::engine
