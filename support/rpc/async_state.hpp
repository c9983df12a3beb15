// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/async_client.hpp"
#include "rpc/exchange.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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
    /// The sockets curl asked to watch (through its socket callback), waited on with
    /// curl_multi_socket_action: curl then reads or writes only the transfer whose socket is
    /// ready, where curl_multi_perform checked every running transfer's socket with a system
    /// call of its own on every wake-up.
    int epoll_fd = -1;
    /// What epoll_fd and curl know of one descriptor.
    struct Watched
    {
        uint32_t registered = 0;  // the events epoll_fd has for it; 0: not in the set
        bool wanted = false;      // curl watches it now
        bool ours = false;        // a connection socket opened and closed through open_socket/close_socket
    };
    /// Indexed by descriptor. A connection that curl stops watching between two requests on it
    /// stays in the set (two epoll_ctl calls a request saved); close_socket forgets it.
    std::vector<Watched> watched;
    /// When curl's timer (its connect and request timeouts, a new transfer's start) is due.
    std::optional<std::chrono::steady_clock::time_point> curl_due;
    /// A socket curl asked for that epoll refused: thrown from drive(), not through curl.
    std::string watch_error;
    /// epoll_pwait2 (Linux 5.11) waits to the nanosecond; false once it was found missing or
    /// refused, and the wait then rounds up to whole milliseconds.
    bool precise_wait = true;
    uint64_t connects = 0;
    /// The most requests in flight since the last trim_idle(), and when that was.
    size_t high_water = 0;
    std::chrono::steady_clock::time_point last_trim = std::chrono::steady_clock::now();
    /// The last trim freed handles: the connections it let go close as they come back, so the
    /// next trim hands their memory back too.
    bool freed_at_last_trim = false;

    /// Creates the multi handle and the epoll set, and hooks curl's socket and timer callbacks.
    State(ClientOptions options, size_t max_in_flight);
    ~State();
    State(const State&) = delete;
    State& operator=(const State&) = delete;

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

    /// poll() and poll_until(): drives the transfers until one finished or `deadline` (to
    /// within the kernel's timer slack); at least one look at the sockets, without waiting,
    /// when the deadline has passed.
    size_t drive(std::chrono::steady_clock::time_point deadline);

    /// curl's callbacks, `state` being this: on_socket calls watch(), on_timer sets curl_due.
    static int on_socket(CURL* easy, curl_socket_t socket, int what, void* state, void* socket_data);
    static int on_timer(CURLM* multi, long timeout_ms, void* state);

    /// The connection sockets' open and close callbacks (`state` being this), set on every
    /// handle: the close tells which descriptor leaves the epoll set by itself.
    static curl_socket_t open_socket(void* state, curlsocktype purpose, curl_sockaddr* address);
    static int close_socket(void* state, curl_socket_t socket);

    /// Registers, changes or removes `socket`'s events in epoll_fd; a connection socket that
    /// curl stops watching keeps its events until it closes or shows activity while idle.
    void watch(curl_socket_t socket, int what);

    /// watched[socket], grown to hold it.
    Watched& watched_at(curl_socket_t socket);

    /// epoll_ctl, telling a descriptor already there (or gone) from a failure; false on failure.
    bool set_events(curl_socket_t socket, uint32_t have, uint32_t want);

    /// curl_multi_socket_action on one socket (or CURL_SOCKET_TIMEOUT), then the finished
    /// transfers' callbacks; returns how many finished.
    size_t act(curl_socket_t socket, int events);

    /// Waits in epoll_fd until `until` at the latest and hands each ready socket to curl.
    size_t wait_and_act(std::chrono::steady_clock::time_point until);
};

}  // namespace zkload::rpc
