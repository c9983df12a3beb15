// SPDX-License-Identifier: Apache-2.0
// A soak row's curve and verdicts from its readings: known slopes recovered, points per span with
// rates and CPU shares from differences, the ramp minute left out of the worst.
#include "metrics/soak_series.hpp"

#include <gtest/gtest.h>

namespace zkload::metrics {
namespace {

TEST(LinearTrend, RecoversAKnownSlope)
{
    LinearTrend trend;
    EXPECT_FALSE(trend.slope());
    for (int t = 0; t < 100; ++t)
        trend.add(t, 3.0 + 0.25 * t + ((t % 2) != 0 ? 0.1 : -0.1));  // noise that averages out
    ASSERT_TRUE(trend.slope());
    EXPECT_NEAR(*trend.slope(), 0.25, 1e-3);
    LinearTrend flat_in_t;
    for (int i = 0; i < 5; ++i)
        flat_in_t.add(7, i);
    EXPECT_FALSE(flat_in_t.slope());  // no spread in time: no slope
}

/// A row of `seconds` read once a second: 1,000 included/s, the generator at half a core, its
/// resident set 100 MB + `mb_per_h` per hour after a 50 MB start-up hump in the first 10 s.
SoakSeries steady_row(double seconds, double mb_per_h, size_t points)
{
    SoakSeries series(seconds, points, 0.1);
    for (int t = 0; t <= static_cast<int>(seconds); ++t)
        series.add({.t_s = static_cast<double>(t),
                    .gen_cpu_s = 0.5 * t,
                    .gen_rss_mb = 100 + mb_per_h * t / 3600.0 + (t < 10 ? 50 : 0),
                    .node_cpu_s = 1.5 * t,
                    .node_rss_mb = 1000 + 2.0 * t,
                    .included = 1000 * static_cast<uint64_t>(t)});
    series.finish();
    return series;
}

TEST(SoakSeries, SlopesLeaveOutTheSettlingStart)
{
    const SoakSeries series = steady_row(1200, 4.0, 24);
    ASSERT_TRUE(series.gen_rss_slope_mb_per_h());
    EXPECT_NEAR(*series.gen_rss_slope_mb_per_h(), 4.0, 0.01);  // the 50 MB hump is not a leak
    EXPECT_NEAR(*series.node_rss_slope_mb_per_h(), 7200.0, 0.1);
    EXPECT_EQ(series.readings(), 1201u);
}

TEST(SoakSeries, OnePointPerSpanWithRatesFromDifferences)
{
    const SoakSeries series = steady_row(1200, 0, 24);
    const auto points = series.points();
    ASSERT_EQ(points.size(), 24u);
    for (size_t i = 0; i < points.size(); ++i)
    {
        EXPECT_DOUBLE_EQ(points[i].t_s, 50.0 * static_cast<double>(i + 1));
        EXPECT_DOUBLE_EQ(points[i].included_per_s, 1000.0);
        EXPECT_DOUBLE_EQ(points[i].gen_cpu_pct, 50.0);
        EXPECT_DOUBLE_EQ(*points[i].node_cpu_pct, 150.0);
        EXPECT_DOUBLE_EQ(*points[i].node_rss_mb, 1000 + 2.0 * points[i].t_s);
        EXPECT_FALSE(points[i].incl_p99_ms);  // no minutes given
    }
}

TEST(SoakSeries, ARowStoppedEarlyKeepsItsLastPartTheDrainMakesNoPoint)
{
    const auto run_until = [](int end_s) {
        SoakSeries series(100, 4, 0.1);
        for (int t = 0; t <= end_s; ++t)
            series.add({.t_s = static_cast<double>(t), .gen_rss_mb = 10, .included = 10 * static_cast<uint64_t>(t)});
        series.finish();
        return series.points();
    };
    const auto stopped = run_until(65);  // Ctrl-C at 65 s of a planned 100: 15 s left, over half a span
    ASSERT_EQ(stopped.size(), 3u);       // 25, 50, 65
    EXPECT_DOUBLE_EQ(stopped.back().t_s, 65);
    EXPECT_DOUBLE_EQ(stopped.back().included_per_s, 10);
    EXPECT_FALSE(stopped.back().node_rss_mb);
    EXPECT_EQ(run_until(60).size(), 2u);  // 10 s left: too short a span to be a point
    const auto drained = run_until(108);  // 8 s of drain after the planned 100
    ASSERT_EQ(drained.size(), 4u);
    EXPECT_DOUBLE_EQ(drained.back().t_s, 100);
}

TEST(SoakSeries, WorstMinutesLeaveOutTheRampAndMarkTheirPoints)
{
    SoakSeries series(300, 5, 0.1);
    series.add_minute({.index = 0, .included_per_s = 900, .incl_p99_ms = 5000});  // the ramp
    series.add_minute({.index = 1, .included_per_s = 1990, .incl_p99_ms = 1100});
    series.add_minute({.index = 2, .included_per_s = 1500, .incl_p99_ms = 1300});
    series.add_minute({.index = 3, .included_per_s = 2000, .incl_p99_ms = 2400});
    for (int t = 0; t <= 300; ++t)
        series.add({.t_s = static_cast<double>(t), .included = 2000 * static_cast<uint64_t>(t)});
    EXPECT_EQ(series.worst_rate_minute()->index, 2u);
    EXPECT_EQ(series.worst_p99_minute()->index, 3u);
    const auto points = series.points();
    ASSERT_EQ(points.size(), 5u);
    EXPECT_DOUBLE_EQ(*points[0].incl_p99_ms, 5000);  // minute 0 ends at 60 s
    EXPECT_DOUBLE_EQ(*points[3].incl_p99_ms, 2400);
    EXPECT_FALSE(points[4].incl_p99_ms);

    SoakSeries one_minute(90, 3, 0.1);
    one_minute.add_minute({.index = 0, .included_per_s = 800, .incl_p99_ms = 900});
    EXPECT_EQ(one_minute.worst_rate_minute()->index, 0u);  // the only one
    SoakSeries none(30, 3, 0.1);
    EXPECT_FALSE(none.worst_rate_minute());
}

}  // namespace
}  // namespace zkload::metrics
