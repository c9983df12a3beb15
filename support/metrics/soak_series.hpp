// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace zkload::metrics {

/// One reading of a soak row, taken about once per block interval.
struct SoakReading
{
    /// Seconds since the row's start.
    double t_s = 0;
    /// zkload's CPU time so far and resident set now.
    double gen_cpu_s = 0;
    double gen_rss_mb = 0;
    /// The node's, where its process can be read.
    std::optional<double> node_cpu_s;
    std::optional<double> node_rss_mb;
    /// The row's transactions seen in a block so far.
    uint64_t included = 0;
};

/// One point of the soak's curve: the span since the previous point.
struct SoakPoint
{
    double t_s = 0;
    double included_per_s = 0;
    double gen_rss_mb = 0;
    double gen_cpu_pct = 0;
    std::optional<double> node_rss_mb;
    std::optional<double> node_cpu_pct;
    /// The worst inclusion p99 of the minutes that ended in the span (none when no minute did).
    std::optional<double> incl_p99_ms;
};

/// One whole minute of the row: its inclusions per second and their p99.
struct SoakMinute
{
    size_t index = 0;
    double included_per_s = 0;
    double incl_p99_ms = 0;
};

/// Least squares of y over t, kept as running sums: a slope from any number of samples in a
/// few bytes.
class LinearTrend
{
public:
    void add(double t, double y) noexcept;
    size_t samples() const noexcept { return n_; }
    /// dy/dt; nullopt with fewer than 3 samples or no spread in t.
    std::optional<double> slope() const noexcept;

private:
    size_t n_ = 0;
    double sum_t_ = 0, sum_y_ = 0, sum_tt_ = 0, sum_ty_ = 0;
};

/// A soak row's readings, kept in fixed memory whatever its length: `points` points for the
/// curve (one per planned_s / points), the resident sets' trends over the readings after the
/// first `settle_share` of the plan (start-up allocations are not a leak), and one small entry
/// per whole minute for the worst one.
class SoakSeries
{
public:
    SoakSeries(double planned_s, size_t points, double settle_share);

    /// Readings in time order; the first is the start (t ≈ 0).
    void add(const SoakReading& reading);
    /// After the last reading: a row stopped early closes its last span there when it is at
    /// least half a span long. Never more than the points asked for.
    void finish();
    /// Minutes in order, each once it is over.
    void add_minute(const SoakMinute& minute);

    std::vector<SoakPoint> points() const;
    size_t readings() const noexcept { return readings_; }
    /// MB per hour over the readings after the settling share; nullopt when too few.
    std::optional<double> gen_rss_slope_mb_per_h() const;
    std::optional<double> node_rss_slope_mb_per_h() const;
    /// The whole minute with the fewest inclusions per second, and the one with the highest p99;
    /// the first minute (the ramp: the first block comes a block interval after the start) only
    /// when it is the only one.
    std::optional<SoakMinute> worst_rate_minute() const;
    std::optional<SoakMinute> worst_p99_minute() const;
    const std::vector<SoakMinute>& minutes() const noexcept { return minutes_; }

private:
    void close_point(const SoakReading& at);
    std::vector<SoakMinute> steady_minutes() const;

    double span_s_;
    double settle_s_;
    size_t points_wanted_;
    size_t readings_ = 0;
    std::optional<SoakReading> first_;
    std::optional<SoakReading> last_;
    std::optional<SoakReading> span_start_;
    std::vector<SoakPoint> points_;
    std::vector<SoakMinute> minutes_;
    LinearTrend gen_rss_;
    LinearTrend node_rss_;
};

}  // namespace zkload::metrics
