// SPDX-License-Identifier: Apache-2.0
#include "engine/capacity_search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace zkload::engine {
namespace {

std::string format(const char* pattern, double a, double b)
{
    char text[128];
    std::snprintf(text, sizeof text, pattern, a, b);
    return text;
}

}  // namespace

std::optional<std::string> capacity_shortfall(const CapacityProbe& probe, const CapacityCriteria& criteria)
{
    if (probe.steady_blocks < criteria.min_steady_blocks)
        return format("a steady window of %.0f blocks, fewer than %.0f", static_cast<double>(probe.steady_blocks),
                      static_cast<double>(criteria.min_steady_blocks));
    if (probe.lost > 0)
        return std::to_string(probe.lost) + " transactions lost";
    const double share = probe.offered_per_s > 0 ? probe.included_per_s / probe.offered_per_s : 0;
    if (share < criteria.min_included_share)
        return format("included %.1f%% of offered, under %.0f%%", 100 * share, 100 * criteria.min_included_share);
    if (!(probe.incl_p99_ms <= criteria.slo_p99_ms))
        return format("inclusion p99 %.0f ms, over the %.0f ms objective", probe.incl_p99_ms, criteria.slo_p99_ms);
    return std::nullopt;
}

CapacitySearch::CapacitySearch(double start_per_s, CapacityCriteria criteria, double resolution, double max_per_s)
    : criteria_(criteria), resolution_(resolution), max_per_s_(std::floor(max_per_s))
{
    if (!(start_per_s >= 1) || !(max_per_s_ >= 1) || !(resolution > 0))
        throw std::invalid_argument("a capacity search needs a start and a largest rate of at least 1/s "
                                    "and a resolution above 0");
    next_ = std::min(std::round(start_per_s), max_per_s_);
}

const CapacitySearch::Judged& CapacitySearch::record(const CapacityProbe& probe)
{
    if (!next_)
        throw std::logic_error("the capacity search is done: no probe to record");
    Judged judged{.probe = probe, .shortfall = capacity_shortfall(probe, criteria_)};
    judged.probe.offered_per_s = *next_;
    judged.pool_bound = !judged.passed() && probe.late_for_wallets_share > criteria_.max_late_for_wallets_share;
    const bool probed_before = std::any_of(probes_.begin(), probes_.end(), [&](const Judged& earlier) {
        return earlier.probe.offered_per_s == *next_;
    });
    if (!judged.passed() && !probed_before && disproved(*next_))
    {
        judged.retried = true;  // next_ stays: the same rate again
        probes_.push_back(std::move(judged));
        return probes_.back();
    }
    if (judged.passed())
        passed_ = std::max(passed_, *next_);
    else
        failed_ = failed_ ? std::min(*failed_, *next_) : *next_;
    probes_.push_back(std::move(judged));
    next_ = choose_next();
    return probes_.back();
}

bool CapacitySearch::disproved(double rate) const
{
    return std::any_of(probes_.begin(), probes_.end(), [&](const Judged& earlier) {
        const CapacityProbe& p = earlier.probe;
        return p.offered_per_s > rate && p.included_per_s >= criteria_.min_included_share * rate &&
               p.incl_p99_ms <= criteria_.slo_p99_ms && p.steady_blocks >= criteria_.min_steady_blocks &&
               p.lost == 0;
    });
}

std::optional<size_t> CapacitySearch::capacity_index() const
{
    for (size_t i = 0; i < probes_.size(); ++i)
        if (probes_[i].passed() && probes_[i].probe.offered_per_s == passed_)
            return i;
    return std::nullopt;
}

std::optional<double> CapacitySearch::bracket_width() const
{
    if (passed_ <= 0 || !failed_)
        return std::nullopt;
    return (*failed_ - passed_) / passed_;
}

std::optional<double> CapacitySearch::choose_next() const
{
    if (!failed_)  // every probe passed: double, up to the largest rate
        return passed_ >= max_per_s_ ? std::nullopt : std::optional<double>(std::min(2 * passed_, max_per_s_));
    if (passed_ <= 0)  // every probe failed: halve, down to 1/s
        return *failed_ <= 1 ? std::nullopt : std::optional<double>(std::max(1.0, std::round(*failed_ / 2)));
    if (*bracket_width() <= resolution_)
        return std::nullopt;
    const double middle = std::round((passed_ + *failed_) / 2);
    if (middle <= passed_ || middle >= *failed_)
        return std::nullopt;
    return middle;
}

}  // namespace zkload::engine
