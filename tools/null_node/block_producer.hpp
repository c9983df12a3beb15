// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "chain_of_hashes.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace zkload::null_node {

/// Seals a block every interval with whatever arrived (an empty block too), on its own thread,
/// from construction until stop() or destruction. A late tick is not caught up: the next one
/// is an interval after the late seal, as a real sequencer would carry on.
class BlockProducer
{
public:
    BlockProducer(ChainOfHashes& chain, std::chrono::milliseconds interval);
    ~BlockProducer();
    BlockProducer(const BlockProducer&) = delete;
    BlockProducer& operator=(const BlockProducer&) = delete;

    /// Stops sealing and joins the thread; idempotent.
    void stop();

private:
    void run();

    ChainOfHashes& chain_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

/// Seconds since the Unix epoch: a block's timestamp.
uint64_t unix_seconds_now();

}  // namespace zkload::null_node
