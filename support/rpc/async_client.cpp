// SPDX-License-Identifier: Apache-2.0
#include "rpc/async_client.hpp"

#include <algorithm>
#include <stdexcept>

#include <curl/curl.h>

namespace zkload::rpc {
namespace {

using Clock = std::chrono::steady_clock;

/// One curl_multi_poll sleeps at most this long; poll() loops until its own deadline.
constexpr int64_t kMaxPollMs = 1000;

/// One reusable easy handle and what the request on it is waiting for.
struct Slot
{
    explicit Slot(const ClientOptions& options) : exchange(options)
    {
        curl_easy_setopt(exchange.handle(), CURLOPT_PRIVATE, this);
    }

    detail::Exchange exchange;
    AsyncClient::Callback single;
    AsyncClient::BatchCallback batch;
    uint64_t first_id = 0;
    size_t batch_size = 0;
    Clock::time_point started;
    bool active = false;
};

}  // namespace

struct AsyncClient::State
{
    ClientOptions options;
    size_t max_in_flight = 0;
    CURLM* multi = nullptr;
    std::vector<std::unique_ptr<Slot>> slots;
    std::vector<Slot*> free;
    size_t in_flight = 0;
    uint64_t next_id = 1;
    uint64_t connects = 0;

    ~State()
    {
        for (const auto& slot : slots)
        {
            if (slot->active)
                curl_multi_remove_handle(multi, slot->exchange.handle());
        }
        slots.clear();
        curl_multi_cleanup(multi);
    }

    /// A free handle, created on first need only: handles are reused, never made per request.
    Slot* acquire()
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

    void start(Slot& slot)
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
    }

    /// Takes the finished request off its slot, frees the slot, then runs the callback, so a
    /// callback may submit again (and may throw) without leaving the slot half used.
    void complete(Slot& slot, CURLcode result)
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
                reply = parse_reply(slot.exchange.response(), slot.first_id);
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
            replies = parse_batch_reply(slot.exchange.response(), slot.first_id, slot.batch_size);
        BatchCallback callback = std::move(slot.batch);
        slot.batch = nullptr;
        free.push_back(&slot);
        callback(std::move(replies), round_trip);
    }

    size_t collect()
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
};

AsyncClient::AsyncClient(ClientOptions options, size_t max_in_flight)
    : state_(std::make_unique<State>())
{
    if (max_in_flight == 0)
        throw std::invalid_argument("AsyncClient needs max_in_flight >= 1");
    detail::init_curl();
    state_->options = std::move(options);
    state_->max_in_flight = max_in_flight;
    state_->multi = curl_multi_init();
    if (state_->multi == nullptr)
        throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(state_->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(max_in_flight));
    state_->slots.reserve(max_in_flight);
    state_->free.reserve(max_in_flight);
}

AsyncClient::~AsyncClient() = default;
AsyncClient::AsyncClient(AsyncClient&&) noexcept = default;
AsyncClient& AsyncClient::operator=(AsyncClient&&) noexcept = default;

bool AsyncClient::submit(std::string_view method, const nlohmann::json& params, Callback callback)
{
    Slot* slot = state_->acquire();
    if (slot == nullptr)
        return false;
    std::string& body = slot->exchange.request();
    body.clear();
    try
    {
        append_request(body, method, params, state_->next_id);
    }
    catch (...)
    {
        state_->free.push_back(slot);
        throw;
    }
    slot->first_id = state_->next_id++;
    slot->batch_size = 0;
    slot->single = std::move(callback);
    state_->start(*slot);
    return true;
}

bool AsyncClient::submit_raw(std::string body, Callback callback)
{
    const std::optional<uint64_t> id = request_id(body);
    if (!id)
        throw std::invalid_argument("pre-built JSON-RPC body has no unsigned integer id: " +
                                    excerpt(body));
    Slot* slot = state_->acquire();
    if (slot == nullptr)
        return false;
    slot->exchange.request() = std::move(body);
    slot->first_id = *id;
    slot->batch_size = 0;
    slot->single = std::move(callback);
    state_->start(*slot);
    return true;
}

bool AsyncClient::submit_batch(const std::vector<Call>& calls, BatchCallback callback)
{
    if (calls.empty())
        throw std::invalid_argument("empty JSON-RPC batch");
    Slot* slot = state_->acquire();
    if (slot == nullptr)
        return false;
    try
    {
        slot->exchange.request() = make_batch(calls, state_->next_id);
    }
    catch (...)
    {
        state_->free.push_back(slot);
        throw;
    }
    slot->first_id = state_->next_id;
    state_->next_id += calls.size();
    slot->batch_size = calls.size();
    slot->batch = std::move(callback);
    state_->start(*slot);
    return true;
}

size_t AsyncClient::poll(std::chrono::milliseconds max_wait)
{
    State& state = *state_;
    const auto deadline = Clock::now() + max_wait;
    size_t done = 0;
    while (state.in_flight > 0)
    {
        int running = 0;
        const CURLMcode code = curl_multi_perform(state.multi, &running);
        if (code != CURLM_OK)
            throw std::runtime_error(std::string("curl_multi_perform: ") +
                                     curl_multi_strerror(code));
        done += state.collect();
        const auto now = Clock::now();
        if (done > 0 || now >= deadline)
            break;
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
        curl_multi_poll(state.multi, nullptr, 0,
                        static_cast<int>(std::clamp<int64_t>(left.count(), 1, kMaxPollMs)),
                        nullptr);
    }
    return done;
}

bool AsyncClient::drain(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (state_->in_flight > 0)
    {
        const auto now = Clock::now();
        if (now >= deadline)
            return false;
        poll(std::chrono::ceil<std::chrono::milliseconds>(deadline - now));
    }
    return true;
}

size_t AsyncClient::in_flight() const noexcept
{
    return state_->in_flight;
}

size_t AsyncClient::max_in_flight() const noexcept
{
    return state_->max_in_flight;
}

uint64_t AsyncClient::connects() const noexcept
{
    return state_->connects;
}

}  // namespace zkload::rpc
