// SPDX-License-Identifier: Apache-2.0
// The receiving half of an engine thread: answers, refusals, nonce resyncs.
#include "engine/load_thread_detail.hpp"

#include "engine/pending_cap.hpp"

namespace zkload::engine::detail {
namespace {

constexpr std::string_view kSendPrefix = R"({"jsonrpc":"2.0","id":)";

/// eth_sendRawTransaction's request, written straight into a string (no JSON tree per send; the
/// hex needs no escaping).
void append_send_body(std::string& out, uint64_t id, std::string_view raw_hex)
{
    out.append(kSendPrefix).append(std::to_string(id));
    out.append(R"(,"method":"eth_sendRawTransaction","params":[")").append(raw_hex).append("\"]}");
}

std::string send_body(uint64_t id, std::string_view raw_hex)
{
    std::string body;
    body.reserve(kSendPrefix.size() + raw_hex.size() + 64);
    append_send_body(body, id, raw_hex);
    return body;
}

}  // namespace

void LoadThread::submit(std::vector<Sent> group, std::vector<std::pmr::string> bodies)
{
    const auto now = Clock::now();
    const bool resend = group.front().resend;
    if (!resend)
    {
        awaiting_ += group.size();
        ++result_.ledger.requests;
    }
    const size_t count = group.size();
    if (!write_)
    {
        std::vector<rpc::Call> calls;
        calls.reserve(count);
        for (const Sent& sent : group)
            calls.push_back(in_.operation->read(in_.wallets[sent.wallet].address));
        if (count == 1)
            client_.submit(calls.front().first, calls.front().second, answer_to(group.front()));
        else
            client_.submit_batch(calls, answers_to(std::move(group)));
        return;
    }
    // Sends: one pre-built body, a single request or a batch; the node's answer counts only as
    // accepted or refused (the hash is ours already).
    std::string body;
    const uint64_t first_id = next_id_;
    if (count == 1)
        body = send_body(next_id_++, bodies.front());
    else
    {
        body.reserve(count * (kSendPrefix.size() + bodies.front().size() + 64) + 2);
        body += '[';
        for (size_t i = 0; i < count; ++i)
        {
            if (i != 0)
                body += ',';
            append_send_body(body, next_id_++, bodies[i]);
        }
        body += ']';
    }
    // Kept for re-sends until the chain includes it; the answer comes in a later poll().
    if (!resend)
        for (size_t i = 0; i < count; ++i)
        {
            const Sent& sent = group[i];
            pending_.emplace(sent.hash, Pending{.wallet = sent.wallet,
                                                .reference = sent.reference,
                                                .last_sent = now,
                                                .part = sent.part,
                                                .raw_hex = std::move(bodies[i])});
            in_pool_[sent.wallet].push_back(sent.hash);
        }
    if (count == 1)
        client_.submit_raw(std::move(body), answer_to(group.front()), rpc::ReplyUse::status);
    else
        client_.submit_raw_batch(std::move(body), first_id, count, answers_to(std::move(group)),
                                 rpc::ReplyUse::status);
}

rpc::AsyncClient::Callback LoadThread::answer_to(Sent sent)
{
    return [this, sent](rpc::Reply&& reply, std::chrono::nanoseconds) { answered(sent, reply, Clock::now()); };
}

rpc::AsyncClient::BatchCallback LoadThread::answers_to(std::vector<Sent> group)
{
    return [this, group = std::move(group)](std::vector<rpc::Reply>&& replies, std::chrono::nanoseconds) {
        const auto now = Clock::now();
        for (size_t i = 0; i < group.size(); ++i)
            answered(group[i], replies[i], now);
    };
}

void LoadThread::answered(const Sent& sent, rpc::Reply& reply, Clock::time_point now)
{
    note_reachability(reply, now);
    if (sent.resend)
    {
        // What the node says of a re-send changes nothing here: "already known" or "nonce too
        // low" means it has the transaction or included it, and the chain tells which; anything
        // else leaves it to the next re-send or the inclusion timeout.
        book_.answered(sent.wallet);
        if (!resend_[sent.wallet].empty())
            resend_ready_.push_back(sent.wallet);
        else
            book_.end_resending(sent.wallet);
        return;
    }
    --awaiting_;
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
        if (auto it = pending_.find(sent.hash); it != pending_.end() && !it->second.acked)
        {
            it->second.acked = true;
            it->second.answered = now;
            it->second.last_sent = now;  // re-send waits count from the node's acceptance
            it->second.head_at_last_sent = last_seen_block_;
        }
        book_.answered(sent.wallet);
        return;
    }
    if (write_ && reply.error->error_class == rpc::ErrorClass::timeout && unanswered_but_kept(sent, now))
        return;
    ledger.fail(reply.error->error_class);
    if (write_)
        refused(sent, *reply.error);
}

bool LoadThread::unanswered_but_kept(const Sent& sent, Clock::time_point now)
{
    // No answer in time is no refusal: the node may well have taken it (a node that stalls
    // answers late, after it has queued the transaction). It stays sent, as if accepted: a
    // block includes it, the stuck-transaction re-send delivers the same bytes if the node never
    // got them, or after the inclusion timeout it is lost. Counting it failed would miscount
    // every one that lands.
    const auto it = pending_.find(sent.hash);
    if (it == pending_.end() || it->second.acked)
        return false;
    ++result_.ledger.send_timeouts;
    it->second.acked = true;
    it->second.answered = now;
    it->second.last_sent = now;
    it->second.head_at_last_sent = last_seen_block_;
    book_.answered(sent.wallet);
    return true;
}

void LoadThread::refused(const Sent& sent, const rpc::Error& error)
{
    const uint32_t w = sent.wallet;
    if (auto it = pending_.find(sent.hash); it != pending_.end())
    {
        in_pool_[w].erase(sent.hash);
        pending_.erase(it);
        book_.settled(w);
    }
    if (config_.adapt_pending_cap && means_too_many_pending(error.error_class))
        book_.shrink_cap(shrunk_cap(book_.cap(), book_.pending(w)));
    book_.answered(w);
    resync(w);  // a refused or unanswered transaction leaves a gap in the wallet's nonces
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
                           signed_count_ -= signed_[w].size();
                           signed_[w].clear();  // signed under the old epoch: void
                           book_.end_resync(w, *nonce);
                           ++result_.ledger.nonce_resyncs;
                       }
                       else if (sending_done_)
                           book_.abandon_resync(w);
                       else  // the wallet waits until its nonce is known: asked again shortly
                           resync_later_.push_back({Clock::now() + kResyncRetry, w});
                   });
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

}  // namespace zkload::engine::detail
