// SPDX-License-Identifier: Apache-2.0
#include "block_producer.hpp"

namespace zkload::null_node {

uint64_t unix_seconds_now()
{
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
}

BlockProducer::BlockProducer(ChainOfHashes& chain, std::chrono::milliseconds interval)
    : chain_(chain), interval_(interval), thread_([this] { run(); })
{
}

BlockProducer::~BlockProducer()
{
    stop();
}

void BlockProducer::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void BlockProducer::run()
{
    using Clock = std::chrono::steady_clock;
    auto next = Clock::now() + interval_;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_until(lock, next, [this] { return stopping_; }))
    {
        chain_.seal(unix_seconds_now());
        next += interval_;
        if (next < Clock::now())
            next = Clock::now() + interval_;
    }
}

}  // namespace zkload::null_node
