// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zkload::engine {

/// What one probe of a capacity search measured: an open loop at `offered_per_s`.
struct CapacityProbe
{
    double offered_per_s = 0;
    /// Over the probe's steady window (see steady_window.hpp).
    double included_per_s = 0;
    double incl_p99_ms = 0;
    uint64_t steady_blocks = 0;
    uint64_t lost = 0;
    /// Starts that went out late while the generator sat idle because no wallet was free to send
    /// (every one awaiting the node's answer), as a share of the offered: the part of the rate the
    /// pool, at the node's answer time, could not offer on time.
    double late_for_wallets_share = 0;
};

/// When a probe shows the node keeping up: it included at least `min_included_share` of the
/// offered rate over a steady window of at least `min_steady_blocks` blocks, its inclusion p99
/// stayed within `slo_p99_ms`, and nothing was lost.
struct CapacityCriteria
{
    double min_included_share = 0.97;
    double slo_p99_ms = 3000;
    uint64_t min_steady_blocks = 10;
    /// A failing probe whose starts were late waiting for a free wallet more often than this is
    /// pool-bound: it did not offer its rate, so the failure is the pool's as much as the node's.
    double max_late_for_wallets_share = 0.01;
};

/// Why a probe fails the criteria, in words (e.g. "included 91% of offered"); none: it passes.
std::optional<std::string> capacity_shortfall(const CapacityProbe& probe, const CapacityCriteria& criteria);

/// The highest rate a search probes unless told otherwise.
inline constexpr double kCapacitySearchMaxRate = 1'000'000;

/// The search for the highest offered rate the node keeps up with: from `start_per_s`, doubling
/// while probes pass (halving while they fail), then bisecting between the highest passing and the
/// lowest failing rate until they are within `resolution` of each other (0.05: 5%). Rates are whole
/// transactions per second, at least 1 and at most `max_per_s`. A failure that an earlier probe
/// disproves (one at a higher rate included at least this rate's required share within the
/// objective, over enough blocks, losing nothing: the node can, so the generator's machine or the
/// network hiccuped) is probed once more before it counts. Pure: the caller runs each probe.
class CapacitySearch
{
public:
    struct Judged
    {
        CapacityProbe probe;
        std::optional<std::string> shortfall;
        /// Failed, but an earlier probe disproved it: the same rate is probed again.
        bool retried = false;
        /// Failed while the generator waited for free wallets on more than the criteria's share
        /// of its starts (see CapacityCriteria::max_late_for_wallets_share).
        bool pool_bound = false;
        bool passed() const { return !shortfall; }
    };

    CapacitySearch(double start_per_s, CapacityCriteria criteria, double resolution = 0.05,
                   double max_per_s = kCapacitySearchMaxRate);

    /// The rate to probe next, or none once the search is done.
    std::optional<double> next() const { return next_; }
    /// Judges a probe run at next() and moves the search on.
    const Judged& record(const CapacityProbe& probe);

    /// The highest rate that passed (0 when none did), and the lowest that failed (none when none did).
    double capacity() const { return passed_; }
    std::optional<double> lowest_failure() const { return failed_; }
    /// Where in probes() the probe at the capacity is; none while no probe passed.
    std::optional<size_t> capacity_index() const;
    /// How far apart the bracket's ends are, as a share of the capacity; none while one is missing.
    std::optional<double> bracket_width() const;
    const std::vector<Judged>& probes() const { return probes_; }
    const CapacityCriteria& criteria() const { return criteria_; }

private:
    std::optional<double> choose_next() const;
    /// Whether an earlier probe shows the node including `rate` as the criteria ask.
    bool disproved(double rate) const;

    CapacityCriteria criteria_;
    double resolution_;
    double max_per_s_;
    std::optional<double> next_;
    double passed_ = 0;
    std::optional<double> failed_;
    std::vector<Judged> probes_;
};

}  // namespace zkload::engine
