// SPDX-License-Identifier: Apache-2.0
// The receiving half of an engine thread: answers, blocks, losses, nonce resyncs.
#include "engine/load_thread_detail.hpp"

namespace zkload::engine::detail {
namespace {

constexpr std::string_view kSendPrefix = R"({"jsonrpc":"2.0","id":)";

/// eth_sendRawTransaction's body, written straight into one string (no JSON tree per send).
std::string send_body(uint64_t id, const std::string& raw_hex)
{
    std::string body;
    body.reserve(kSendPrefix.size() + raw_hex.size() + 64);
    body.append(kSendPrefix).append(std::to_string(id));
    body.append(R"(,"method":"eth_sendRawTransaction","params":[")").append(raw_hex).append("\"]}");
    return body;
}

}  // namespace

void LoadThread::submit(std::vector<Sent> group, std::vector<std::string> bodies)
{
    awaiting_ += group.size();
    if (write_)
        for (const Sent& sent : group)
        {
            pending_.emplace(sent.hash, Pending{.wallet = sent.wallet, .reference = sent.reference});
            book_.sent(sent.wallet);
        }
    if (group.size() == 1)
    {
        const Sent sent = group.front();
        auto on_answer = [this, sent](rpc::Reply&& reply, std::chrono::nanoseconds) {
            answered(sent, reply, Clock::now());
        };
        if (write_)
            client_.submit_raw(send_body(next_id_++, bodies.front()), std::move(on_answer));
        else
        {
            const rpc::Call call = in_.operation->read(in_.wallets[sent.wallet].address);
            client_.submit(call.first, call.second, std::move(on_answer));
        }
        return;
    }
    std::vector<rpc::Call> calls;
    calls.reserve(group.size());
    for (size_t i = 0; i < group.size(); ++i)
        calls.push_back(write_ ? rpc::Call{"eth_sendRawTransaction", nlohmann::json::array({std::move(bodies[i])})}
                               : in_.operation->read(in_.wallets[group[i].wallet].address));
    client_.submit_batch(calls, [this, group = std::move(group)](std::vector<rpc::Reply>&& replies,
                                                                 std::chrono::nanoseconds) {
        const auto now = Clock::now();
        for (size_t i = 0; i < group.size(); ++i)
            answered(group[i], replies[i], now);
    });
}

void LoadThread::answered(const Sent& sent, rpc::Reply& reply, Clock::time_point now)
{
    --awaiting_;
    note_reachability(reply, now);
    Ledger& ledger = result_.ledger;
    if (reply.ok())
    {
        ++ledger.submitted;
        result_.ack.record(micros(now - sent.reference));
        result_.last_answer = now;
        if (!write_)
        {
            ++ledger.included;
            return;
        }
        if (auto it = pending_.find(sent.hash); it != pending_.end())
        {
            it->second.acked = true;
            it->second.answered = now;
        }
        return;
    }
    ledger.fail(reply.error->error_class);
    if (!write_)
        return;
    if (auto it = pending_.find(sent.hash); it != pending_.end())
    {
        pending_.erase(it);
        book_.settled(sent.wallet);
    }
    resync(sent.wallet);  // a refused or unanswered transaction leaves a gap in the wallet's nonces
}

void LoadThread::resync(uint32_t w)
{
    if (!book_.begin_resync(w))
        return;  // one re-read per wallet at a time; the wallet sends nothing meanwhile
    if (client_.in_flight() >= client_.max_in_flight())
        resync_backlog_.push_back(w);
    else
        request_nonce(w);
}

void LoadThread::request_nonce(uint32_t w)
{
    client_.submit("eth_getTransactionCount",
                   nlohmann::json::array({to_hex(in_.wallets[w].address), "pending"}),
                   [this, w](rpc::Reply&& reply, std::chrono::nanoseconds) {
                       note_reachability(reply, Clock::now());
                       const auto nonce = reply.ok() && reply.result.is_string()
                                              ? parse_quantity(reply.result.get<std::string>())
                                              : std::nullopt;
                       if (nonce)
                       {
                           book_.end_resync(w, *nonce);
                           ++result_.ledger.nonce_resyncs;
                       }
                       else
                           book_.abandon_resync(w);
                   });
}

void LoadThread::absorb_blocks()
{
    if (in_.blocks == nullptr || in_.blocks->size() == block_cursor_)
        return;
    new_blocks_.clear();
    block_cursor_ = in_.blocks->read_from(block_cursor_, new_blocks_);
    for (const auto& block : new_blocks_)
        for (const IncludedTxn& txn : block->txns)
        {
            const auto it = pending_.find(txn.hash);
            if (it == pending_.end())
                continue;
            Ledger& ledger = result_.ledger;
            ++(txn.success ? ledger.included : ledger.reverted);
            ledger.gas_used += txn.gas_used;
            result_.inclusion.record(micros(block->seen_at - it->second.reference));
            result_.last_inclusion = std::max(result_.last_inclusion, block->seen_at);
            book_.settled(it->second.wallet);
            pending_.erase(it);
        }
}

void LoadThread::sweep_lost(Clock::time_point now)
{
    for (auto it = pending_.begin(); it != pending_.end();)
    {
        if (it->second.acked && now - it->second.answered > config_.inclusion_timeout)
        {
            ++result_.ledger.lost;
            const uint32_t w = it->second.wallet;
            book_.settled(w);
            it = pending_.erase(it);
            resync(w);
        }
        else
            ++it;
    }
}

void LoadThread::note_reachability(const rpc::Reply& reply, Clock::time_point now)
{
    if (reply.ok() || reply.error->error_class != rpc::ErrorClass::transport)
    {
        unreachable_since_.reset();  // the node answered something
        return;
    }
    if (!unreachable_since_)
        unreachable_since_ = now;
    backoff_until_ = now + kTransportBackoff;
    last_transport_error_ = reply.error->describe();
}

void LoadThread::give_up()
{
    absorb_blocks();
    result_.ledger.lost += pending_.size();
    pending_.clear();
    client_.drain(std::chrono::milliseconds(0));
}

}  // namespace zkload::engine::detail
