// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace zkload::engine {

/// Latency distribution in whole microseconds, log-linear like HdrHistogram: values below 256
/// are exact, above that each power of two is cut into 128 equal buckets, so a reported
/// percentile is within 0.4% of the true sample (the bucket's midpoint is reported). Covers
/// 1 µs to 2^40 µs (12 days); larger values land in the top bucket and are counted as clipped.
///
/// Fixed size (about 35 KiB), no allocation when recording, so each engine thread owns one and
/// the row merges them once at its end. Serializable, so processes on several hosts can merge.
class Histogram
{
public:
    static constexpr unsigned kExactBelow = 256;
    static constexpr unsigned kSubBuckets = 128;
    static constexpr unsigned kMaxShift = 33;
    static constexpr size_t kBuckets = kExactBelow + kMaxShift * kSubBuckets;

    void record(uint64_t micros) noexcept;
    void merge(const Histogram& other) noexcept;
    /// `n` samples known only by their bucket (a histogram kept elsewhere as bare counts): min,
    /// max and the sum then come from the bucket's bounds and midpoint.
    void add_bucket(size_t index, uint64_t n) noexcept;

    uint64_t count() const noexcept { return count_; }
    uint64_t min() const noexcept { return count_ == 0 ? 0 : min_; }
    uint64_t max() const noexcept { return max_; }
    double mean() const noexcept;
    uint64_t clipped() const noexcept { return clipped_; }

    /// The value below which a fraction `q` (0..1) of the samples fall, as the midpoint of the
    /// bucket holding the ceil(q·count)-th sample, clamped to [min, max]; 0 when empty.
    uint64_t percentile(double q) const noexcept;

    /// Compact text: "count,sum,min,max,clipped;index:count;..." (non-empty buckets only).
    std::string serialize() const;
    /// The inverse of serialize(); throws std::invalid_argument on malformed text.
    static Histogram deserialize(const std::string& text);

    static size_t bucket_index(uint64_t micros) noexcept;
    /// The smallest and largest value that fall into bucket `index`.
    static uint64_t bucket_low(size_t index) noexcept;
    static uint64_t bucket_high(size_t index) noexcept;

private:
    std::array<uint64_t, kBuckets> counts_{};
    uint64_t count_ = 0;
    uint64_t min_ = UINT64_MAX;
    uint64_t max_ = 0;
    uint64_t clipped_ = 0;
    long double sum_ = 0;
};

}  // namespace zkload::engine
