// SPDX-License-Identifier: Apache-2.0
// The machine's CPU from /proc/stat: a known text parsed, and the real file moving while a
// thread spins.
#include "metrics/machine_cpu.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace zkload::metrics {
namespace {

TEST(MachineCpu, ParsesTheCpuLineOfProcStat)
{
    // The first lines of a real 2-core machine's /proc/stat.
    const std::string text = "cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0\n"
                             "cpu0 1393280 32966 581984 22847679 4856 0 17224 0 0 0\n"
                             "intr 1462898 29 0 0 0\n";
    const auto cpu = parse_machine_cpu(text);
    ASSERT_TRUE(cpu);
    EXPECT_EQ(cpu->total, 10132153u + 290696 + 3084719 + 46828483 + 16683 + 0 + 25195 + 0);
    EXPECT_EQ(cpu->busy, 10132153u + 290696 + 3084719 + 25195);
    EXPECT_FALSE(parse_machine_cpu("intr 1 2 3\n"));
    EXPECT_FALSE(parse_machine_cpu("cpu 1 2\n"));
}

TEST(MachineCpu, BusyShareBetweenTwoReadings)
{
    EXPECT_DOUBLE_EQ(*busy_pct({.busy = 100, .total = 1000}, {.busy = 400, .total = 1400}), 75.0);
    EXPECT_FALSE(busy_pct({.busy = 100, .total = 1000}, {.busy = 100, .total = 1000}));
}

TEST(MachineCpu, TheRealFileMovesWhileAThreadSpins)
{
    const auto before = read_machine_cpu();
    ASSERT_TRUE(before) << "/proc/stat unreadable";
    std::atomic<bool> stop{false};
    std::thread spin([&] {
        volatile uint64_t n = 0;
        while (!stop.load())
            n = n + 1;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    spin.join();
    const auto after = read_machine_cpu();
    ASSERT_TRUE(after);
    const auto pct = busy_pct(*before, *after);
    ASSERT_TRUE(pct);
    // One spinning thread: at least a share of one core over the machine's cores.
    const double cores = std::thread::hardware_concurrency();
    EXPECT_GT(*pct, 50.0 / cores);
    EXPECT_LE(*pct, 100.0);
}

}  // namespace
}  // namespace zkload::metrics
