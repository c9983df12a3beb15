// SPDX-License-Identifier: Apache-2.0
#include "rpc/async_state.hpp"

#include "rpc/reply_scan.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace zkload::rpc {
namespace {

using Clock = std::chrono::steady_clock;

/// One wait sleeps at most this long; drive() loops until its own deadline.
constexpr auto kMaxWait = std::chrono::seconds(1);
/// Ready sockets taken from epoll per wait (more wait for the next one, none is lost).
constexpr int kMaxEvents = 64;
/// How often idle handles are freed, and how many are always kept (see trim_idle).
constexpr auto kTrimEvery = std::chrono::seconds(5);
constexpr size_t kKeepHandles = 16;

uint32_t epoll_events(int what)
{
    switch (what)
    {
    case CURL_POLL_IN: return EPOLLIN;
    case CURL_POLL_OUT: return EPOLLOUT;
    case CURL_POLL_INOUT: return EPOLLIN | EPOLLOUT;
    default: return 0;  // CURL_POLL_REMOVE
    }
}

int curl_events(uint32_t events)
{
    int bits = 0;
    if ((events & EPOLLIN) != 0)
        bits |= CURL_CSELECT_IN;
    if ((events & EPOLLOUT) != 0)
        bits |= CURL_CSELECT_OUT;
    if ((events & (EPOLLERR | EPOLLHUP)) != 0)
        bits |= CURL_CSELECT_ERR;
    return bits;
}

}  // namespace

AsyncClient::State::State(ClientOptions options_in, size_t max_in_flight_in)
    : options(std::move(options_in)), max_in_flight(max_in_flight_in)
{
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0)
        throw std::system_error(errno, std::generic_category(), "epoll_create1");
    multi = curl_multi_init();
    if (multi == nullptr)
    {
        close(epoll_fd);
        throw std::runtime_error("curl_multi_init failed");
    }
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(max_in_flight));
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    slots.reserve(max_in_flight);
    free.reserve(max_in_flight);
}

AsyncClient::State::~State()
{
    for (const auto& slot : slots)
    {
        if (slot->active)
            curl_multi_remove_handle(multi, slot->exchange.handle());
    }
    slots.clear();
    curl_multi_cleanup(multi);  // may still call on_socket: the epoll set closes after it
    close(epoll_fd);
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
    CURL* easy = slots.back()->exchange.handle();
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &State::open_socket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &State::close_socket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
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

int AsyncClient::State::on_socket(CURL* /*easy*/, curl_socket_t socket, int what, void* state, void* /*socket_data*/)
{
    static_cast<State*>(state)->watch(socket, what);
    return 0;
}

int AsyncClient::State::on_timer(CURLM* /*multi*/, long timeout_ms, void* state)
{
    auto& self = *static_cast<State*>(state);
    if (timeout_ms < 0)
        self.curl_due.reset();
    else
        self.curl_due = Clock::now() + std::chrono::milliseconds(timeout_ms);
    return 0;
}

curl_socket_t AsyncClient::State::open_socket(void* state, curlsocktype /*purpose*/, curl_sockaddr* address)
{
    // Close-on-exec, unlike curl's own: a process started meanwhile (a devnet, a node) does not
    // keep the connection open, nor its descriptor in this epoll set, after curl closes it.
    const curl_socket_t socket = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (socket >= 0)
        static_cast<State*>(state)->watched_at(socket) = Watched{.ours = true};
    return socket >= 0 ? socket : CURL_SOCKET_BAD;
}

int AsyncClient::State::close_socket(void* state, curl_socket_t socket)
{
    // Closing takes the descriptor out of the epoll set; its number may come back as another.
    static_cast<State*>(state)->watched_at(socket) = Watched{};
    return close(socket);
}

AsyncClient::State::Watched& AsyncClient::State::watched_at(curl_socket_t socket)
{
    const auto index = static_cast<size_t>(socket);
    if (index >= watched.size())
        watched.resize(index + 1);
    return watched[index];
}

bool AsyncClient::State::set_events(curl_socket_t socket, uint32_t have, uint32_t want)
{
    epoll_event event{};
    event.events = want;
    event.data.fd = socket;
    const int op = want == 0 ? EPOLL_CTL_DEL : have == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (epoll_ctl(epoll_fd, op, socket, &event) == 0)
        return true;
    // A descriptor closed while registered leaves the set by itself, and its number may come
    // back as a new one: then ADD finds it there, MOD or DEL finds it gone.
    if (op == EPOLL_CTL_ADD && errno == EEXIST)
        return epoll_ctl(epoll_fd, EPOLL_CTL_MOD, socket, &event) == 0;
    if (op == EPOLL_CTL_MOD && errno == ENOENT)
        return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, socket, &event) == 0;
    return op == EPOLL_CTL_DEL;
}

void AsyncClient::State::watch(curl_socket_t socket, int what)
{
    if (socket < 0)
        return;
    Watched& entry = watched_at(socket);
    const uint32_t want = epoll_events(what);
    entry.wanted = want != 0;
    if (want == entry.registered || (want == 0 && entry.ours))
        return;
    if (set_events(socket, entry.registered, want))
        entry.registered = want;
    else
    {
        entry.registered = 0;
        if (watch_error.empty())
            watch_error = "epoll_ctl on socket " + std::to_string(socket) + ": " + std::strerror(errno);
    }
}

size_t AsyncClient::State::act(curl_socket_t socket, int events)
{
    int running = 0;
    const CURLMcode code = curl_multi_socket_action(multi, socket, events, &running);
    if (code != CURLM_OK)
        throw std::runtime_error(std::string("curl_multi_socket_action: ") + curl_multi_strerror(code));
    if (!watch_error.empty())
        throw std::runtime_error(std::exchange(watch_error, std::string()));
    return collect();
}

size_t AsyncClient::State::wait_and_act(Clock::time_point until)
{
    std::array<epoll_event, kMaxEvents> events;  // the kernel fills the first `ready`; only those are read
    const auto left = std::max(Clock::duration::zero(), until - Clock::now());
    int ready = -1;
    if (precise_wait)
    {
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
        const timespec timeout{.tv_sec = static_cast<time_t>(ns / 1'000'000'000),
                               .tv_nsec = static_cast<long>(ns % 1'000'000'000)};
        ready = epoll_pwait2(epoll_fd, events.data(), kMaxEvents, &timeout, nullptr);
        // Missing before Linux 5.11; refused by container seccomp profiles older than the call.
        if (ready < 0 && (errno == ENOSYS || errno == EPERM))
            precise_wait = false;
    }
    if (!precise_wait)
    {
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
        ready = epoll_wait(epoll_fd, events.data(), kMaxEvents, static_cast<int>(ms));
    }
    if (ready < 0 && errno != EINTR)
        throw std::system_error(errno, std::generic_category(), "epoll_wait");
    size_t done = 0;
    for (int i = 0; i < ready; ++i)
    {
        const epoll_event& event = events[static_cast<size_t>(i)];
        Watched& entry = watched_at(event.data.fd);
        if (entry.wanted)
        {
            done += act(event.data.fd, curl_events(event.events));
            continue;
        }
        // An idle connection that the node closed (or wrote to): out of the set until curl
        // wants it again, which it will not before its own check finds it closed.
        if (set_events(event.data.fd, entry.registered, 0))
            entry.registered = 0;
    }
    return done;
}

size_t AsyncClient::State::drive(Clock::time_point deadline)
{
    size_t done = 0;
    trim_idle(Clock::now());
    while (in_flight > 0)
    {
        if (curl_due && *curl_due <= Clock::now())
        {
            curl_due.reset();
            done += act(CURL_SOCKET_TIMEOUT, 0);
            if (done > 0 || in_flight == 0)
                break;
        }
        const auto now = Clock::now();
        Clock::time_point until = std::min(deadline, now + kMaxWait);
        if (curl_due)
            until = std::min(until, *curl_due);
        done += wait_and_act(std::max(now, until));
        if (done > 0 || Clock::now() >= deadline)
            break;
    }
    return done;
}

}  // namespace zkload::rpc
