// SPDX-License-Identifier: Apache-2.0
// /proc readings of children we fork: one busy, one asleep, one holding memory.
#include "metrics/process_usage.hpp"
#include "metrics/usage_sampler.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using zkload::metrics::UsageSampler;

enum class ChildWork
{
    Spin,
    Sleep
};

/// A forked child that spins or sleeps for at most `lifetime` (so it ends even if we die first),
/// after touching `resident_mb` of memory and naming itself with spaces and parentheses (the
/// /proc stat parser must count fields from the last ')'). Killed and reaped by the destructor.
class Child
{
public:
    Child(ChildWork work, size_t resident_mb = 0, std::chrono::seconds lifetime = 10s)
    {
        pid_ = fork();
        if (pid_ < 0)
            throw std::runtime_error("fork failed");
        if (pid_ > 0)
            return;
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        prctl(PR_SET_NAME, "a) b (c");
        std::vector<char> memory(resident_mb * 1024 * 1024);
        if (!memory.empty())  // memset(nullptr, …, 0) is undefined, and UBSan says so
            std::memset(memory.data(), 1, memory.size());
        const auto end = std::chrono::steady_clock::now() + lifetime;
        volatile unsigned long spins = 0;
        while (std::chrono::steady_clock::now() < end)
        {
            if (work == ChildWork::Sleep)
                usleep(50'000);
            else
                spins = spins + 1;
        }
        _exit(memory.empty() ? 0 : memory[memory.size() / 2]);
    }
    ~Child()
    {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
};

/// The scheduler's own count of a process's time on a CPU (/proc/<pid>/schedstat, in ns): an
/// oracle independent of the utime/stime ticks under test.
double scheduled_seconds(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/schedstat");
    unsigned long long on_cpu_ns = 0;
    if (!(in >> on_cpu_ns))
        throw std::runtime_error("no /proc/" + std::to_string(pid) + "/schedstat");
    return static_cast<double>(on_cpu_ns) * 1e-9;
}

struct Watched
{
    zkload::metrics::UsageSummary usage;
    double scheduler_pct = 0;  // the same figure from schedstat
};

Watched watch(pid_t pid, std::chrono::milliseconds how_long)
{
    UsageSampler sampler = UsageSampler::for_pid(pid);
    std::this_thread::sleep_for(200ms);  // let the child settle (and touch its memory)
    const double scheduled_before = scheduled_seconds(pid);
    sampler.start(50ms);
    std::this_thread::sleep_for(how_long);
    Watched watched{.usage = sampler.finish()};
    watched.scheduler_pct =
        100.0 * (scheduled_seconds(pid) - scheduled_before) / watched.usage.wall_seconds;
    return watched;
}

/// A busy loop gets a whole core unless the machine is oversubscribed (a shared developer
/// machine): then it gets what the scheduler gave it, and the reading must agree with that.
void expect_busy(double cpu_pct, double scheduler_pct)
{
    EXPECT_NEAR(cpu_pct, scheduler_pct, 10.0);
    if (scheduler_pct > 60.0)
        EXPECT_GT(cpu_pct, 50.0);
    else
        std::cout << "note: the machine is oversubscribed (the busy process got " << scheduler_pct
                  << "% of a core); checked agreement with schedstat only\n";
}

TEST(ProcessUsage, BusyChildUsesMoreThanHalfACore)
{
    Child child(ChildWork::Spin);
    const auto [usage, scheduler_pct] = watch(child.pid(), 1000ms);
    expect_busy(usage.cpu_pct, scheduler_pct);
    EXPECT_LT(usage.cpu_pct, 110.0);  // one thread cannot use more than one core
    EXPECT_GT(usage.wall_seconds, 0.9);
}

TEST(ProcessUsage, SleepingChildUsesAlmostNothing)
{
    Child child(ChildWork::Sleep);
    const auto usage = watch(child.pid(), 1000ms).usage;
    EXPECT_LT(usage.cpu_pct, 10.0);
    EXPECT_GE(usage.cpu_pct, 0.0);
}

TEST(ProcessUsage, ResidentSetOfAChildHoldingMemory)
{
    Child small(ChildWork::Sleep);
    Child large(ChildWork::Sleep, 96);
    const auto small_usage = watch(small.pid(), 300ms).usage;
    const auto large_usage = watch(large.pid(), 300ms).usage;
    EXPECT_GT(large_usage.peak_rss_mb, 96.0);
    EXPECT_LT(large_usage.peak_rss_mb, 96.0 + small_usage.peak_rss_mb + 16.0);
    EXPECT_GE(large_usage.peak_rss_mb, large_usage.last_rss_mb);
    EXPECT_GT(small_usage.last_rss_mb, 0.0);
}

TEST(ProcessUsage, OwnCpuFollowsOurBusyLoop)
{
    UsageSampler sampler = UsageSampler::for_self();
    const double scheduled_before = scheduled_seconds(getpid());
    sampler.start();
    const auto end = std::chrono::steady_clock::now() + 500ms;
    volatile unsigned long spins = 0;
    while (std::chrono::steady_clock::now() < end)
        spins = spins + 1;
    const auto usage = sampler.finish();
    const double scheduler_pct =
        100.0 * (scheduled_seconds(getpid()) - scheduled_before) / usage.wall_seconds;
    expect_busy(usage.cpu_pct, scheduler_pct);
    EXPECT_GT(usage.cpu_seconds, 0.05);
    EXPECT_GT(usage.last_rss_mb, 1.0);
}

TEST(ProcessUsage, GoneProcessIsAClearError)
{
    pid_t pid = 0;
    {
        Child child(ChildWork::Sleep, 0, 1s);
        pid = child.pid();
    }  // killed and reaped: the pid no longer exists (until reused, which takes a while)
    try
    {
        zkload::metrics::read_process_usage(pid);
        FAIL() << "read a process that was reaped";
    }
    catch (const zkload::metrics::HostMetricsError& e)
    {
        EXPECT_NE(std::string(e.what()).find("/proc/" + std::to_string(pid)), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(zkload::metrics::read_process_usage(0), zkload::metrics::HostMetricsError);
}

TEST(ProcessUsage, FinishWithoutStartIsAnError)
{
    UsageSampler sampler = UsageSampler::for_self();
    EXPECT_THROW(sampler.finish(), zkload::metrics::HostMetricsError);
}

}  // namespace
