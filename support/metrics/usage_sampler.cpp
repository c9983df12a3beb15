// SPDX-License-Identifier: Apache-2.0
#include "metrics/usage_sampler.hpp"

namespace zkload::metrics {
namespace {

constexpr double kBytesPerMb = 1024.0 * 1024.0;

}  // namespace

UsageSampler UsageSampler::for_pid(pid_t pid)
{
    return UsageSampler([pid] { return read_process_usage(pid); });
}

UsageSampler UsageSampler::for_self()
{
    return UsageSampler([] { return read_own_usage(); });
}

UsageSampler::UsageSampler(UsageSampler&& other) noexcept : reader_(std::move(other.reader_))
{
    // Only a sampler that has not started is moved (a factory's return value).
}

UsageSampler::~UsageSampler()
{
    stop_polling();
}

void UsageSampler::start(std::chrono::milliseconds poll_interval)
{
    stop_polling();
    first_ = reader_();
    started_at_ = std::chrono::steady_clock::now();
    peak_rss_bytes_ = first_.rss_bytes;
    started_ = true;
    if (poll_interval.count() > 0)
    {
        stop_requested_ = false;
        poller_ = std::thread([this, poll_interval] { poll_loop(poll_interval); });
    }
}

UsageSummary UsageSampler::finish()
{
    if (!started_)
        throw HostMetricsError("UsageSampler::finish() without start()");
    stop_polling();
    const ProcessUsage last = reader_();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
    note_rss(last.rss_bytes);
    started_ = false;
    const double cpu = last.cpu_seconds - first_.cpu_seconds;
    return {.cpu_pct = wall > 0 ? 100.0 * cpu / wall : 0.0,
            .peak_rss_mb = static_cast<double>(peak_rss_bytes_.load()) / kBytesPerMb,
            .last_rss_mb = static_cast<double>(last.rss_bytes) / kBytesPerMb,
            .wall_seconds = wall,
            .cpu_seconds = cpu};
}

void UsageSampler::poll_loop(std::chrono::milliseconds interval)
{
    std::unique_lock lock(stop_mutex_);
    while (!stop_signal_.wait_for(lock, interval, [this] { return stop_requested_; }))
    {
        try
        {
            note_rss(reader_().rss_bytes);
        }
        catch (const HostMetricsError&)
        {
            return;  // The process is gone; finish() reports it.
        }
    }
}

void UsageSampler::stop_polling()
{
    if (!poller_.joinable())
        return;
    {
        std::lock_guard lock(stop_mutex_);
        stop_requested_ = true;
    }
    stop_signal_.notify_all();
    poller_.join();
}

void UsageSampler::note_rss(uint64_t rss_bytes)
{
    uint64_t seen = peak_rss_bytes_.load();
    while (rss_bytes > seen && !peak_rss_bytes_.compare_exchange_weak(seen, rss_bytes))
    {}
}

}  // namespace zkload::metrics
