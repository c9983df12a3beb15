// SPDX-License-Identifier: Apache-2.0
#include "rpc/async_state.hpp"

#include "rpc/reply_scan.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sys/timerfd.h>
#include <unistd.h>

namespace zkload::rpc {
namespace {

using Clock = std::chrono::steady_clock;

/// One curl_multi_poll sleeps at most this long; drive() loops until its own deadline.
constexpr int64_t kMaxPollMs = 1000;
/// How often idle handles are freed, and how many are always kept (see trim_idle).
constexpr auto kTrimEvery = std::chrono::seconds(5);
constexpr size_t kKeepHandles = 16;

}  // namespace

AsyncClient::State::~State()
{
    for (const auto& slot : slots)
    {
        if (slot->active)
            curl_multi_remove_handle(multi, slot->exchange.handle());
    }
    slots.clear();
    curl_multi_cleanup(multi);
    if (deadline_fd >= 0)
        close(deadline_fd);
}

detail::Slot* AsyncClient::State::acquire()
{
    if (!free.empty())
    {
        Slot* slot = free.back();
        free.pop_back();
        return slot;
    }
    if (slots.size() >= max_in_flight)
        return nullptr;
    slots.push_back(std::make_unique<Slot>(options));
    return slots.back().get();
}

void AsyncClient::State::start(Slot& slot)
{
    slot.exchange.prepare();
    slot.started = Clock::now();
    const CURLMcode code = curl_multi_add_handle(multi, slot.exchange.handle());
    if (code != CURLM_OK)
    {
        slot.single = nullptr;
        slot.batch = nullptr;
        free.push_back(&slot);
        throw std::runtime_error(std::string("curl_multi_add_handle: ") +
                                 curl_multi_strerror(code));
    }
    slot.active = true;
    ++in_flight;
    high_water = std::max(high_water, in_flight);
}

void AsyncClient::State::trim_idle(Clock::time_point now)
{
    if (now - last_trim < kTrimEvery)
        return;
    last_trim = now;
    const size_t keep = std::max(kKeepHandles, 2 * high_water);
    high_water = in_flight;
    // Idle connections beyond that are closed as they come back, not kept for the rest of the row.
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(std::min(keep, max_in_flight)));
    const bool freed_before = std::exchange(freed_at_last_trim, false);
    if (slots.size() > keep && !free.empty())
    {
        // `free` is a stack: its bottom has waited longest.
        const size_t drop = std::min(slots.size() - keep, free.size());
        std::unordered_set<const Slot*> dropped(free.begin(), free.begin() + static_cast<std::ptrdiff_t>(drop));
        free.erase(free.begin(), free.begin() + static_cast<std::ptrdiff_t>(drop));
        std::erase_if(slots, [&](const std::unique_ptr<Slot>& slot) { return dropped.count(slot.get()) != 0; });
        freed_at_last_trim = true;
    }
#ifdef __GLIBC__
    // Freed handles' buffers (and, one trim later, their closed connections') back to the
    // system, not kept as free heap that a soak's resident set would carry to its end.
    if (freed_at_last_trim || freed_before)
        malloc_trim(0);
#endif
}

void AsyncClient::State::complete(Slot& slot, CURLcode result)
{
    const auto round_trip = Clock::now() - slot.started;
    std::optional<Error> error = slot.exchange.finish(result);
    connects += static_cast<uint64_t>(slot.exchange.new_connections());
    slot.active = false;
    --in_flight;
    if (slot.batch_size == 0)
    {
        Reply reply;
        if (error)
            reply.error = std::move(error);
        else
            reply = slot.use == ReplyUse::status ? parse_status(slot.exchange.response(), slot.first_id)
                                                 : parse_reply(slot.exchange.response(), slot.first_id);
        Callback callback = std::move(slot.single);
        slot.single = nullptr;
        free.push_back(&slot);
        callback(std::move(reply), round_trip);
        return;
    }
    std::vector<Reply> replies;
    if (error)
        replies.assign(slot.batch_size, Reply{nlohmann::json(), error});
    else
        replies = slot.use == ReplyUse::status
                      ? parse_batch_status(slot.exchange.response(), slot.first_id, slot.batch_size)
                      : parse_batch_reply(slot.exchange.response(), slot.first_id, slot.batch_size);
    BatchCallback callback = std::move(slot.batch);
    slot.batch = nullptr;
    free.push_back(&slot);
    callback(std::move(replies), round_trip);
}

size_t AsyncClient::State::collect()
{
    size_t done = 0;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued))
    {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL* easy = message->easy_handle;
        const CURLcode result = message->data.result;
        Slot* slot = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &slot);
        curl_multi_remove_handle(multi, easy);
        ++done;
        complete(*slot, result);
    }
    return done;
}

bool AsyncClient::State::arm_deadline(Clock::time_point deadline)
{
    if (deadline_fd < 0)
        deadline_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (deadline_fd < 0)
        return false;
    const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline.time_since_epoch()).count();
    itimerspec when{};
    when.it_value.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    when.it_value.tv_nsec = std::max<long>(1, static_cast<long>(ns % 1'000'000'000));  // zero disarms
    return timerfd_settime(deadline_fd, TFD_TIMER_ABSTIME, &when, nullptr) == 0;
}

size_t AsyncClient::State::drive(Clock::time_point deadline, bool precise)
{
    size_t done = 0;
    trim_idle(Clock::now());
    while (in_flight > 0)
    {
        int running = 0;
        const CURLMcode code = curl_multi_perform(multi, &running);
        if (code != CURLM_OK)
            throw std::runtime_error(std::string("curl_multi_perform: ") + curl_multi_strerror(code));
        done += collect();
        const auto now = Clock::now();
        if (done > 0 || now >= deadline)
            break;
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
        const int timeout_ms = static_cast<int>(std::clamp<int64_t>(left.count(), 1, kMaxPollMs));
        const bool timed = precise && left.count() <= kMaxPollMs && arm_deadline(deadline);
        curl_waitfd timer{.fd = deadline_fd, .events = CURL_WAIT_POLLIN, .revents = 0};
        curl_multi_poll(multi, timed ? &timer : nullptr, timed ? 1 : 0, timeout_ms, nullptr);
    }
    return done;
}

}  // namespace zkload::rpc
