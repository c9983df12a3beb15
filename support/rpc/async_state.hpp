// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/async_client.hpp"
#include "rpc/exchange.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <curl/curl.h>

namespace zkload::rpc::detail {

/// One reusable easy handle and what the request on it is waiting for.
struct Slot
{
    /// curl's receive buffer of an asynchronous handle: its replies are small (a send's hash, a
    /// nonce, a balance; larger ones arrive in several reads), and a burst holds a thousand handles.
    static constexpr long kReceiveBuffer = 4096;

    explicit Slot(const ClientOptions& options) : exchange(options)
    {
        curl_easy_setopt(exchange.handle(), CURLOPT_PRIVATE, this);
        curl_easy_setopt(exchange.handle(), CURLOPT_BUFFERSIZE, kReceiveBuffer);
    }

    Exchange exchange;
    AsyncClient::Callback single;
    AsyncClient::BatchCallback batch;
    uint64_t first_id = 0;
    size_t batch_size = 0;
    ReplyUse use = ReplyUse::results;
    std::chrono::steady_clock::time_point started;
    bool active = false;
};

}  // namespace zkload::rpc::detail

namespace zkload::rpc {

/// The curl_multi handle, its pool of reusable slots (with the free list) and the counters.
struct AsyncClient::State
{
    using Slot = detail::Slot;

    ClientOptions options;
    size_t max_in_flight = 0;
    CURLM* multi = nullptr;
    std::vector<std::unique_ptr<Slot>> slots;
    std::vector<Slot*> free;
    size_t in_flight = 0;
    uint64_t next_id = 1;
    /// A timerfd armed at poll_until's deadline and waited on beside the sockets:
    /// curl_multi_poll's own timeout counts whole milliseconds. -1 until first needed.
    int deadline_fd = -1;
    uint64_t connects = 0;
    /// The most requests in flight since the last trim_idle(), and when that was.
    size_t high_water = 0;
    std::chrono::steady_clock::time_point last_trim = std::chrono::steady_clock::now();
    /// The last trim freed handles: the connections it let go close as they come back, so the
    /// next trim hands their memory back too.
    bool freed_at_last_trim = false;

    ~State();

    /// Every kTrimEvery: frees the handles (and their buffers) idle beyond twice the recent
    /// high water (at least kKeepHandles), longest idle first, and hands the memory back, so
    /// that a burst (a node that stalls for seconds with a thousand requests waiting on it)
    /// does not leave its handles' memory behind for the rest of a soak.
    void trim_idle(std::chrono::steady_clock::time_point now);

    /// A free handle, created on first need only: handles are reused, never made per request.
    Slot* acquire();

    void start(Slot& slot);

    /// Takes the finished request off its slot, frees the slot, then runs the callback, so a
    /// callback may submit again (and may throw) without leaving the slot half used.
    void complete(Slot& slot, CURLcode result);

    size_t collect();

    /// poll() and poll_until(): drives the transfers until one finished or `deadline`; with
    /// `precise`, a deadline that is not a whole number of milliseconds away wakes the wait
    /// through deadline_fd when it is due, not on curl's millisecond timeout (one more system
    /// call per wait, so only for a caller that needs the moment: an open loop's next start).
    size_t drive(std::chrono::steady_clock::time_point deadline, bool precise);

    /// Arms deadline_fd (created on first use) at `deadline` on CLOCK_MONOTONIC, the clock of
    /// std::chrono::steady_clock on Linux; re-arming clears an expiry not yet read. False when
    /// no timer can be had: the poll then wakes on its millisecond timeout instead.
    bool arm_deadline(std::chrono::steady_clock::time_point deadline);
};

}  // namespace zkload::rpc
