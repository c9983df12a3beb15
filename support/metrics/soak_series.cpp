// SPDX-License-Identifier: Apache-2.0
#include "metrics/soak_series.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace zkload::metrics {

void LinearTrend::add(double t, double y) noexcept
{
    ++n_;
    sum_t_ += t;
    sum_y_ += y;
    sum_tt_ += t * t;
    sum_ty_ += t * y;
}

std::optional<double> LinearTrend::slope() const noexcept
{
    if (n_ < 3)
        return std::nullopt;
    const double n = static_cast<double>(n_);
    const double spread = n * sum_tt_ - sum_t_ * sum_t_;
    if (!(spread > 1e-12 * n * sum_tt_) || spread <= 0)
        return std::nullopt;
    return (n * sum_ty_ - sum_t_ * sum_y_) / spread;
}

SoakSeries::SoakSeries(double planned_s, size_t points, double settle_share)
    : span_s_(planned_s / static_cast<double>(std::max<size_t>(1, points))),
      settle_s_(planned_s * settle_share),
      points_wanted_(points)
{
    if (!(planned_s > 0) || points == 0)
        throw std::invalid_argument("a soak series needs a positive length and at least one point");
}

void SoakSeries::add(const SoakReading& reading)
{
    ++readings_;
    if (!first_)
    {
        first_ = reading;
        span_start_ = reading;
    }
    last_ = reading;
    if (reading.t_s >= settle_s_)
    {
        gen_rss_.add(reading.t_s, reading.gen_rss_mb);
        if (reading.node_rss_mb)
            node_rss_.add(reading.t_s, *reading.node_rss_mb);
    }
    // A point at every span boundary the reading reached (one, as readings come far more often).
    if (points_.size() < points_wanted_ && reading.t_s >= static_cast<double>(points_.size() + 1) * span_s_)
        close_point(reading);
}

void SoakSeries::finish()
{
    // A row stopped early keeps its last part when it is at least half a span; the moments
    // after the planned end (the drain) are no point of their own.
    if (last_ && span_start_ && points_.size() < points_wanted_ && last_->t_s - span_start_->t_s >= span_s_ / 2)
        close_point(*last_);
}

void SoakSeries::close_point(const SoakReading& at)
{
    const SoakReading& from = *span_start_;
    const double dt = at.t_s - from.t_s;
    if (dt <= 0)
        return;
    SoakPoint point{.t_s = at.t_s,
                    .included_per_s = static_cast<double>(at.included - std::min(at.included, from.included)) / dt,
                    .gen_rss_mb = at.gen_rss_mb,
                    .gen_cpu_pct = 100.0 * (at.gen_cpu_s - from.gen_cpu_s) / dt,
                    .node_rss_mb = at.node_rss_mb};
    if (at.node_cpu_s && from.node_cpu_s)
        point.node_cpu_pct = 100.0 * (*at.node_cpu_s - *from.node_cpu_s) / dt;
    points_.push_back(point);
    span_start_ = at;
}

void SoakSeries::add_minute(const SoakMinute& minute) { minutes_.push_back(minute); }

std::vector<SoakPoint> SoakSeries::points() const
{
    std::vector<SoakPoint> out = points_;
    double from = 0;
    for (SoakPoint& point : out)
    {
        for (const SoakMinute& minute : minutes_)
        {
            const double ends = 60.0 * static_cast<double>(minute.index + 1);
            if (ends > from && ends <= point.t_s)
                point.incl_p99_ms = std::max(point.incl_p99_ms.value_or(0.0), minute.incl_p99_ms);
        }
        from = point.t_s;
    }
    return out;
}

std::optional<double> SoakSeries::gen_rss_slope_mb_per_h() const
{
    const auto slope = gen_rss_.slope();
    return slope ? std::optional(*slope * 3600) : std::nullopt;
}

std::optional<double> SoakSeries::node_rss_slope_mb_per_h() const
{
    const auto slope = node_rss_.slope();
    return slope ? std::optional(*slope * 3600) : std::nullopt;
}

std::vector<SoakMinute> SoakSeries::steady_minutes() const
{
    if (minutes_.size() <= 1)
        return minutes_;
    return {minutes_.begin() + 1, minutes_.end()};
}

std::optional<SoakMinute> SoakSeries::worst_rate_minute() const
{
    const auto minutes = steady_minutes();
    const auto worst = std::min_element(minutes.begin(), minutes.end(), [](const auto& a, const auto& b) {
        return a.included_per_s < b.included_per_s;
    });
    return worst == minutes.end() ? std::nullopt : std::optional(*worst);
}

std::optional<SoakMinute> SoakSeries::worst_p99_minute() const
{
    const auto minutes = steady_minutes();
    const auto worst = std::max_element(minutes.begin(), minutes.end(), [](const auto& a, const auto& b) {
        return a.incl_p99_ms < b.incl_p99_ms;
    });
    return worst == minutes.end() ? std::nullopt : std::optional(*worst);
}

}  // namespace zkload::metrics
