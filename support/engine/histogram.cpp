// SPDX-License-Identifier: Apache-2.0
#include "engine/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace zkload::engine {

namespace {
constexpr unsigned kExactBits = 8;  // log2(kExactBelow)
constexpr uint64_t kLargest = (uint64_t{1} << (kExactBits + Histogram::kMaxShift)) - 1;
}  // namespace

size_t Histogram::bucket_index(uint64_t micros) noexcept
{
    if (micros < kExactBelow)
        return static_cast<size_t>(micros);
    micros = std::min(micros, kLargest);
    const unsigned msb = 63 - static_cast<unsigned>(std::countl_zero(micros));
    const unsigned shift = msb - (kExactBits - 1);  // ≥ 1: the value keeps 8 significant bits
    const uint64_t sub = (micros >> shift) - kSubBuckets;  // 0 .. 127
    return kExactBelow + (shift - 1) * kSubBuckets + static_cast<size_t>(sub);
}

uint64_t Histogram::bucket_low(size_t index) noexcept
{
    if (index < kExactBelow)
        return index;
    const size_t shift = (index - kExactBelow) / kSubBuckets + 1;
    const uint64_t sub = (index - kExactBelow) % kSubBuckets + kSubBuckets;
    return sub << shift;
}

uint64_t Histogram::bucket_high(size_t index) noexcept
{
    if (index < kExactBelow)
        return index;
    const size_t shift = (index - kExactBelow) / kSubBuckets + 1;
    return bucket_low(index) + (uint64_t{1} << shift) - 1;
}

void Histogram::record(uint64_t micros) noexcept
{
    if (micros > kLargest)
        ++clipped_;
    ++counts_[bucket_index(micros)];
    ++count_;
    min_ = std::min(min_, micros);
    max_ = std::max(max_, micros);
    sum_ += static_cast<long double>(micros);
}

void Histogram::merge(const Histogram& other) noexcept
{
    for (size_t i = 0; i < kBuckets; ++i)
        counts_[i] += other.counts_[i];
    count_ += other.count_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    clipped_ += other.clipped_;
    sum_ += other.sum_;
}

void Histogram::add_bucket(size_t index, uint64_t n) noexcept
{
    if (n == 0 || index >= kBuckets)
        return;
    counts_[index] += n;
    count_ += n;
    min_ = std::min(min_, bucket_low(index));
    max_ = std::max(max_, bucket_high(index));
    const uint64_t mid = bucket_low(index) + (bucket_high(index) - bucket_low(index)) / 2;
    sum_ += static_cast<long double>(mid) * static_cast<long double>(n);
}

double Histogram::mean() const noexcept
{
    return count_ == 0 ? 0.0 : static_cast<double>(sum_ / static_cast<long double>(count_));
}

uint64_t Histogram::percentile(double q) const noexcept
{
    if (count_ == 0)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    const auto rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_))));
    uint64_t seen = 0;
    for (size_t i = 0; i < kBuckets; ++i)
    {
        seen += counts_[i];
        if (seen >= rank)
        {
            const uint64_t mid = bucket_low(i) + (bucket_high(i) - bucket_low(i)) / 2;
            return std::clamp(mid, min_, max_);
        }
    }
    return max_;
}

std::string Histogram::serialize() const
{
    std::ostringstream out;
    out << count_ << ',' << static_cast<uint64_t>(sum_) << ',' << min() << ',' << max_ << ',' << clipped_;
    for (size_t i = 0; i < kBuckets; ++i)
        if (counts_[i] != 0)
            out << ';' << i << ':' << counts_[i];
    return out.str();
}

Histogram Histogram::deserialize(const std::string& text)
{
    Histogram h;
    std::istringstream in(text);
    uint64_t sum = 0;
    char c1 = 0, c2 = 0, c3 = 0, c4 = 0;
    if (!(in >> h.count_ >> c1 >> sum >> c2 >> h.min_ >> c3 >> h.max_ >> c4 >> h.clipped_) || c1 != ',' ||
        c2 != ',' || c3 != ',' || c4 != ',')
        throw std::invalid_argument("histogram text has no valid header");
    h.sum_ = static_cast<long double>(sum);
    uint64_t total = 0;
    char semi = 0;
    while (in >> semi)
    {
        size_t index = 0;
        uint64_t n = 0;
        char colon = 0;
        if (semi != ';' || !(in >> index >> colon >> n) || colon != ':' || index >= kBuckets)
            throw std::invalid_argument("histogram text has a malformed bucket");
        h.counts_[index] += n;
        total += n;
    }
    if (total != h.count_)
        throw std::invalid_argument("histogram text: bucket counts do not add up to the total");
    if (h.count_ == 0)
        h.min_ = UINT64_MAX;
    return h;
}

}  // namespace zkload::engine
