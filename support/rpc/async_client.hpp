// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "rpc/json_rpc.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace zkload::rpc {

/// What a caller reads of its replies: the results, or only whether each call succeeded. With
/// `status` the results come back null and the replies are read without a JSON tree
/// (rpc/reply_scan.hpp): what a load engine's sends need, whose hashes it knows before sending.
enum class ReplyUse
{
    results,
    status,
};

/// Many JSON-RPC requests in flight on one thread over one curl_multi handle: HTTP/1.1 means
/// one connection per in-flight request, kept alive and reused across requests.
///
/// Not thread-safe by design: one AsyncClient per thread, used only by that thread (libcurl
/// forbids sharing handles across threads, and per-thread pools need no locks). Callbacks run
/// inside poll() and drain() on that thread and may submit further requests.
class AsyncClient
{
public:
    /// The reply and the time from submit to completion as this thread saw it (it includes any
    /// delay in calling poll(), which is what an open-loop engine wants to see).
    using Callback = std::function<void(Reply&& reply, std::chrono::nanoseconds round_trip)>;
    using BatchCallback =
        std::function<void(std::vector<Reply>&& replies, std::chrono::nanoseconds round_trip)>;

    AsyncClient(ClientOptions options, size_t max_in_flight);
    ~AsyncClient();
    AsyncClient(AsyncClient&&) noexcept;
    AsyncClient& operator=(AsyncClient&&) noexcept;

    /// Starts a request; false (and nothing started) when max_in_flight requests are in flight:
    /// the caller polls and tries again, so back-pressure stays visible to it.
    bool submit(std::string_view method, const nlohmann::json& params, Callback callback);

    /// Starts a pre-built single-request body (e.g. an eth_sendRawTransaction encoded ahead of
    /// the timed loop). Its unsigned integer id is read from the body to check the reply;
    /// a body without one throws std::invalid_argument.
    bool submit_raw(std::string body, Callback callback, ReplyUse use = ReplyUse::results);

    /// Starts a batch; the callback gets the replies in request order.
    bool submit_batch(const std::vector<Call>& calls, BatchCallback callback);

    /// Starts a pre-built batch body whose `count` requests carry the ids first_id, first_id+1,
    /// ... (e.g. eth_sendRawTransaction bodies written without a JSON tree); the callback gets
    /// the replies in id order. Throws std::invalid_argument when count is 0.
    bool submit_raw_batch(std::string body, uint64_t first_id, size_t count, BatchCallback callback,
                          ReplyUse use = ReplyUse::results);

    /// Drives the transfers and runs the callbacks of those that finished. Returns as soon as at
    /// least one finished, or at `deadline` (to within the kernel's timer slack, not a whole
    /// millisecond: an open loop's next start is due then); returns 0 at once when nothing is
    /// in flight.
    size_t poll_until(std::chrono::steady_clock::time_point deadline);

    /// poll_until(now + max_wait).
    size_t poll(std::chrono::milliseconds max_wait);

    /// Polls until nothing is in flight or `timeout` passes; true when everything finished.
    bool drain(std::chrono::milliseconds timeout);

    size_t in_flight() const noexcept;
    size_t max_in_flight() const noexcept;

    /// Connections opened so far: at most max_in_flight while keep-alive holds.
    uint64_t connects() const noexcept;

    /// Request handles held now (in flight or idle): after a burst, those idle beyond twice the
    /// recent need are freed every few seconds, so memory follows what is in flight.
    size_t handles() const noexcept;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace zkload::rpc
