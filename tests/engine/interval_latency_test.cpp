// SPDX-License-Identifier: Apache-2.0
// Inclusion latency per fixed interval of a row (the soak rows' minutes): every record lands in
// the interval of its moment, each interval's count and p99 match the same samples put through a
// plain Histogram, and a slot is clean when it is used again.
#include "engine/interval_latency.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

namespace zkload::engine {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

TEST(IntervalLatency, EachIntervalHasItsOwnCountAndPercentiles)
{
    IntervalLatency latency(60s);
    const auto start = Clock::now();
    latency.begin(start);
    std::mt19937_64 random(7);
    std::uniform_int_distribution<uint64_t> value(100, 5'000'000);
    std::vector<Histogram> oracle(10);
    for (size_t k = 0; k < 10; ++k)
    {
        const auto at = start + k * 60s + 30s;
        for (int i = 0; i < 1000 + static_cast<int>(k) * 100; ++i)
        {
            const uint64_t v = value(random) / (k + 1);
            latency.record(at, v);
            oracle[k].record(v);
        }
        if (k >= 2)
        {
            const IntervalFigures got = latency.take(k - 2);
            EXPECT_EQ(got.count, oracle[k - 2].count()) << k;
            // Within Histogram's resolution (0.4%): the oracle also clamps to the true extremes.
            EXPECT_NEAR(got.p99_us, oracle[k - 2].percentile(0.99), oracle[k - 2].percentile(0.99) * 0.004) << k;
            EXPECT_NEAR(got.p50_us, oracle[k - 2].percentile(0.5), oracle[k - 2].percentile(0.5) * 0.004) << k;
        }
    }
    // Slots are reused (4 of them): interval 8 used interval 4's, which take() had cleared.
    EXPECT_EQ(latency.take(8).count, oracle[8].count());
}

TEST(IntervalLatency, PlacesARecordByItsMomentNotByWhenItIsRecorded)
{
    IntervalLatency latency(10s);
    const auto start = Clock::now();
    latency.begin(start);
    latency.record(start - 1s, 5);  // before the start: the first interval
    latency.record(start + 9999ms, 6);
    latency.record(start + 10s, 7000);
    latency.record(start + 25s, 8000);
    EXPECT_EQ(latency.interval_of(start + 19s), 1u);
    const IntervalFigures first = latency.take(0);
    EXPECT_EQ(first.count, 2u);
    EXPECT_EQ(first.p99_us, 6u);
    EXPECT_EQ(latency.take(1).count, 1u);
    EXPECT_EQ(latency.take(2).count, 1u);
    EXPECT_EQ(latency.take(3).count, 0u);
    EXPECT_EQ(latency.take(3).p99_us, 0u);
}

TEST(IntervalLatency, ThreadsRecordingAtOnceLoseNothing)
{
    IntervalLatency latency(1s);
    const auto start = Clock::now();
    latency.begin(start);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (uint64_t i = 0; i < 50'000; ++i)
                latency.record(start + 100ms, i % 3000);
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(latency.take(0).count, 200'000u);
}

}  // namespace
}  // namespace zkload::engine
