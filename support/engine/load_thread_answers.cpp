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
    {
        for (const Hash& hash : block->hashes)
        {
            const auto it = pending_.find(hash);
            if (it == pending_.end())
                continue;
            // In a block: the wallet may send again; the receipt's status comes with the outcome.
            result_.inclusion.record(micros(block->seen_at - it->second.reference));
            result_.last_inclusion = std::max(result_.last_inclusion, block->seen_at);
            book_.settled(it->second.wallet);
            awaiting_outcome_.emplace(hash, block->number);
            ++awaiting_per_block_[block->number];
            pending_.erase(it);
        }
        last_seen_block_ = block->number;
    }
}

void LoadThread::absorb_outcomes()
{
    if (in_.outcomes == nullptr || in_.outcomes->size() == outcome_cursor_)
        return;
    new_outcomes_.clear();
    in_.outcomes->read_from(outcome_cursor_, new_outcomes_);
    Ledger& ledger = result_.ledger;
    for (const auto& outcome : new_outcomes_)
    {
        if (outcome->number > last_seen_block_)
            break;  // its block is not absorbed yet: take it on a later pass, in order
        ++outcome_cursor_;
        const auto count = awaiting_per_block_.find(outcome->number);
        if (count == awaiting_per_block_.end())
            continue;
        for (const IncludedTxn& txn : outcome->txns)
            if (awaiting_outcome_.erase(txn.hash) != 0)
            {
                ++(txn.success ? ledger.included : ledger.reverted);
                ledger.gas_used += txn.gas_used;
                --count->second;
            }
        if (count->second != 0)  // the node gave no receipt for some: in a block, status unknown
            std::erase_if(awaiting_outcome_, [&](const auto& entry) {
                if (entry.second != outcome->number)
                    return false;
                ++ledger.included;
                return true;
            });
        awaiting_per_block_.erase(count);
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
    absorb_outcomes();
    result_.ledger.lost += pending_.size();
    result_.ledger.included += awaiting_outcome_.size();  // in a block; receipts never came
    pending_.clear();
    awaiting_outcome_.clear();
    client_.drain(std::chrono::milliseconds(0));
}

}  // namespace zkload::engine::detail
