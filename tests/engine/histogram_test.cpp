// SPDX-License-Identifier: Apache-2.0
#include "engine/histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace zkload::engine {
namespace {

/// The exact percentile of sorted samples, by the same rank rule (ceil(q·n)-th sample).
uint64_t exact_percentile(const std::vector<uint64_t>& sorted, double q)
{
    const auto rank = std::max<size_t>(1, static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size()))));
    return sorted[rank - 1];
}

TEST(Histogram, ValuesBelow256AreExact)
{
    Histogram h;
    for (uint64_t v = 0; v < 256; ++v)
        h.record(v);
    EXPECT_EQ(h.count(), 256u);
    EXPECT_EQ(h.percentile(0.5), 127u);
    EXPECT_EQ(h.percentile(1.0), 255u);
    EXPECT_EQ(h.min(), 0u);
    EXPECT_EQ(h.max(), 255u);
}

TEST(Histogram, BucketsTileTheRangeWithoutGaps)
{
    for (size_t i = 1; i < Histogram::kBuckets; ++i)
        ASSERT_EQ(Histogram::bucket_low(i), Histogram::bucket_high(i - 1) + 1) << i;
    for (const uint64_t v : {256ull, 257ull, 511ull, 512ull, 1'000'000ull, 3'600'000'000ull})
    {
        const size_t i = Histogram::bucket_index(v);
        EXPECT_LE(Histogram::bucket_low(i), v);
        EXPECT_GE(Histogram::bucket_high(i), v);
        // Half a bucket is within 0.4% of any value in it.
        EXPECT_LE(static_cast<double>(Histogram::bucket_high(i) - Histogram::bucket_low(i)) / 2.0,
                  0.004 * static_cast<double>(v));
    }
}

TEST(Histogram, PercentilesWithinOnePercentOfTheSortedSamples)
{
    std::mt19937_64 random(20261128);
    std::lognormal_distribution<double> latency(std::log(20'000.0), 1.2);  // µs: 20 ms median, long tail
    std::vector<uint64_t> samples;
    Histogram h;
    for (int i = 0; i < 200'000; ++i)
    {
        const auto v = static_cast<uint64_t>(latency(random));
        samples.push_back(v);
        h.record(v);
    }
    std::sort(samples.begin(), samples.end());
    for (const double q : {0.01, 0.5, 0.9, 0.99, 0.999, 1.0})
    {
        const double exact = static_cast<double>(exact_percentile(samples, q));
        EXPECT_NEAR(static_cast<double>(h.percentile(q)), exact, 0.01 * exact) << "q=" << q;
    }
    EXPECT_EQ(h.max(), samples.back());
    EXPECT_EQ(h.min(), samples.front());
}

TEST(Histogram, MergingEqualsRecordingEverythingInOne)
{
    Histogram a, b, all;
    for (uint64_t v = 1; v < 100'000; v += 7)
    {
        (v % 3 == 0 ? a : b).record(v);
        all.record(v);
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    EXPECT_EQ(a.serialize(), all.serialize());
    for (const double q : {0.5, 0.99})
        EXPECT_EQ(a.percentile(q), all.percentile(q));
}

TEST(Histogram, SerializedTextRoundTripsAndMergesAcrossProcesses)
{
    Histogram h;
    for (uint64_t v : {3ull, 300ull, 30'000ull, 3'000'000ull, 300'000'000ull})
        h.record(v);
    const Histogram back = Histogram::deserialize(h.serialize());
    EXPECT_EQ(back.serialize(), h.serialize());
    EXPECT_EQ(back.percentile(0.5), h.percentile(0.5));
    EXPECT_DOUBLE_EQ(back.mean(), h.mean());
}

TEST(Histogram, MalformedTextIsRefused)
{
    EXPECT_THROW(Histogram::deserialize(""), std::invalid_argument);
    EXPECT_THROW(Histogram::deserialize("2,10,1,9,0;1:1"), std::invalid_argument);  // counts do not add up
    EXPECT_THROW(Histogram::deserialize("1,1,1,1,0;99999:1"), std::invalid_argument);  // no such bucket
    EXPECT_THROW(Histogram::deserialize("1,1,1,1,0;x"), std::invalid_argument);
}

TEST(Histogram, HugeValuesAreClippedAndCounted)
{
    Histogram h;
    h.record(UINT64_MAX);
    EXPECT_EQ(h.clipped(), 1u);
    EXPECT_EQ(h.count(), 1u);
    EXPECT_EQ(Histogram::bucket_index(UINT64_MAX), Histogram::kBuckets - 1);
}

TEST(Histogram, EmptyHistogramReportsZero)
{
    const Histogram h;
    EXPECT_EQ(h.percentile(0.99), 0u);
    EXPECT_EQ(h.min(), 0u);
    EXPECT_EQ(h.mean(), 0.0);
}

}  // namespace
}  // namespace zkload::engine
