// SPDX-License-Identifier: Apache-2.0
#include "rpc/async_client.hpp"

#include "rpc/async_state.hpp"

#include <algorithm>
#include <stdexcept>

#include <curl/curl.h>

namespace zkload::rpc {
namespace {

using Clock = std::chrono::steady_clock;
using detail::Slot;

}  // namespace

AsyncClient::AsyncClient(ClientOptions options, size_t max_in_flight)
{
    if (max_in_flight == 0)
        throw std::invalid_argument("AsyncClient needs max_in_flight >= 1");
    detail::init_curl();
    state_ = std::make_unique<State>(std::move(options), max_in_flight);
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
    slot->use = ReplyUse::results;
    slot->single = std::move(callback);
    state_->start(*slot);
    return true;
}

bool AsyncClient::submit_raw(std::string body, Callback callback, ReplyUse use)
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
    slot->use = use;
    slot->single = std::move(callback);
    state_->start(*slot);
    return true;
}

bool AsyncClient::submit_batch(const std::vector<Call>& calls, BatchCallback callback)
{
    const uint64_t first_id = state_->next_id;
    if (!submit_raw_batch(make_batch(calls, first_id), first_id, calls.size(), std::move(callback)))
        return false;
    state_->next_id += calls.size();
    return true;
}

bool AsyncClient::submit_raw_batch(std::string body, uint64_t first_id, size_t count,
                                   BatchCallback callback, ReplyUse use)
{
    if (count == 0)
        throw std::invalid_argument("empty JSON-RPC batch");
    Slot* slot = state_->acquire();
    if (slot == nullptr)
        return false;
    slot->exchange.request() = std::move(body);
    slot->first_id = first_id;
    slot->batch_size = count;
    slot->use = use;
    slot->batch = std::move(callback);
    state_->start(*slot);
    return true;
}

size_t AsyncClient::poll(std::chrono::milliseconds max_wait)
{
    return state_->drive(Clock::now() + max_wait);
}

size_t AsyncClient::poll_until(Clock::time_point deadline)
{
    return state_->drive(deadline);
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

size_t AsyncClient::handles() const noexcept
{
    return state_->slots.size();
}

}  // namespace zkload::rpc
