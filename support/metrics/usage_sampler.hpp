// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "metrics/process_usage.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace zkload::metrics {

/// What a process spent between start() and finish().
struct UsageSummary
{
    /// CPU time over wall time, in percent of one core: 100 is one core busy, 250 two and a half.
    double cpu_pct = 0;
    /// The largest resident set seen at start, at finish and at every poll in between.
    double peak_rss_mb = 0;
    /// The resident set at finish.
    double last_rss_mb = 0;
    double wall_seconds = 0;
    double cpu_seconds = 0;
};

/// Turns readings of one process into a UsageSummary over an interval (one benchmark row). With a
/// poll interval it also reads in a background thread, so that a short peak of the resident set
/// between start and finish is not missed. Not thread-safe: start and finish from one thread.
class UsageSampler
{
public:
    using Reader = std::function<ProcessUsage()>;

    /// A sampler for another process (`read_process_usage(pid)`), or for this one.
    static UsageSampler for_pid(pid_t pid);
    static UsageSampler for_self();

    explicit UsageSampler(Reader reader) : reader_(std::move(reader)) {}
    ~UsageSampler();
    UsageSampler(UsageSampler&& other) noexcept;
    UsageSampler(const UsageSampler&) = delete;
    UsageSampler& operator=(const UsageSampler&) = delete;
    UsageSampler& operator=(UsageSampler&&) = delete;

    /// Takes the first reading; with a non-zero poll interval, starts the polling thread. Throws
    /// HostMetricsError if the process cannot be read.
    void start(std::chrono::milliseconds poll_interval = std::chrono::milliseconds(0));

    /// Takes the last reading, stops the polling thread and summarises. Throws HostMetricsError if
    /// the process cannot be read any more (it exited during the row).
    UsageSummary finish();

private:
    void poll_loop(std::chrono::milliseconds interval);
    void stop_polling();
    void note_rss(uint64_t rss_bytes);

    Reader reader_;
    std::chrono::steady_clock::time_point started_at_{};
    ProcessUsage first_{};
    std::atomic<uint64_t> peak_rss_bytes_{0};
    std::mutex stop_mutex_;
    std::condition_variable stop_signal_;
    bool stop_requested_ = false;
    std::thread poller_;
    bool started_ = false;
};

}  // namespace zkload::metrics
