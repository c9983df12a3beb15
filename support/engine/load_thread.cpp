// SPDX-License-Identifier: Apache-2.0
// The sending half of an engine thread: sign ahead, start what the driver allows, wait.
#include "engine/load_thread_detail.hpp"

#include "engine/pinning.hpp"

#include <thread>

namespace zkload::engine {

ThreadResult run_load_thread(ThreadInput input) { return detail::LoadThread(std::move(input)).run(); }

namespace detail {
namespace {

/// Transactions signed ahead of their send in a normal row (the ceiling row signs them all).
constexpr uint64_t kSignAhead = 256;
/// Bytes a pre-signed transaction takes in presign memory, for its first mapping: its queue entry
/// and the hex of a transfer (an ETH transfer is ~230 characters); larger ones add mappings.
constexpr size_t kPresignedBytesGuess = sizeof(Prepared) + 256;

}  // namespace

LoadThread::LoadThread(ThreadInput in)
    : in_(std::move(in)), config_(*in_.config), client_(in_.rpc, config_.max_requests_per_thread),
      book_(std::move(in_.nonces), config_.max_pending_per_wallet), write_(in_.operation->is_write()),
      steady_(write_ && config_.duration.count() == 0 && (in_.operations == 0 || config_.steady_with_operations)),
      signed_(write_ ? in_.wallets.size() : 0), in_pool_(write_ ? in_.wallets.size() : 0),
      resend_(write_ ? in_.wallets.size() : 0), block_interval_(in_.block_interval)
{
    pending_.reserve(4096);
    if (const size_t parts = in_.operation->parts(); parts > 1)
        result_.parts.resize(parts);
}

ThreadResult LoadThread::run()
{
    try
    {
        if (in_.cpu)
            bind_this_thread(*in_.cpu);
        result_.binding = this_thread_binding();
        if (write_ && in_.presign > 0)
            presign(std::min(in_.presign, remaining()));
        else if (write_)
            sign_ahead(std::min<uint64_t>(remaining(), kSignAhead));
    }
    catch (...)
    {
        in_.ready->count_down();  // the row must not wait for a thread that will never start
        throw;
    }
    in_.ready->count_down();
    const Clock::time_point start = in_.start.get();
    std::this_thread::sleep_until(start);
    if (config_.mode == DriverConfig::Mode::open)
    {
        schedule_.emplace(start, std::max(in_.rate_per_s, 1e-9), config_.poisson, in_.seed);
        open_hold_ = open_loop_hold(schedule_->mean_gap(), config_.batch, late_after());
    }
    if (config_.duration.count() > 0)
        send_end_ = start + config_.duration;
    else
        send_end_ = steady_ ? start + config_.max_duration : Clock::time_point::max();
    loop();
    result_.pending_cap = book_.cap();
    return std::move(result_);
}

void LoadThread::loop()
{
    auto next_sweep = Clock::now() + std::chrono::milliseconds(100);
    std::optional<Clock::time_point> behind_since;  // this turn began with a start overdue
    for (;;)
    {
        const auto now = Clock::now();
        if (wake_by_ && now > *wake_by_)
            result_.ledger.wake_late_max_us = std::max(result_.ledger.wake_late_max_us, micros(now - *wake_by_));
        if (behind_since)
            result_.ledger.behind_us += micros(now - *behind_since);
        behind_since = behind(now) ? std::optional(now) : std::nullopt;
        if (in_.stop != nullptr && in_.stop->load() && !sending_done_)
            finish_sending(now, std::chrono::seconds(2));
        if (!result_.node_lost && unreachable_since_ && now - *unreachable_since_ > in_.rpc.timeout)
        {
            // The node is gone (killed, port closed): sending on would only count refusals, and
            // what awaits a block will not get one. Also while draining at the row's end.
            result_.node_lost = "the node stopped answering (only transport failures for " +
                                std::to_string(in_.rpc.timeout.count()) + " ms): " + last_transport_error_;
            finish_sending(now, Clock::duration::zero());
            drain_deadline_ = std::min(drain_deadline_, now + in_.rpc.timeout);
        }
        absorb_blocks();
        absorb_outcomes();
        if (!sending_done_)
            start_due(now);
        while (!resync_backlog_.empty() && client_.in_flight() < client_.max_in_flight())
        {
            request_nonce(resync_backlog_.back());
            resync_backlog_.pop_back();
        }
        if (now >= next_sweep)
        {
            sweep(now);
            next_sweep = now + std::chrono::milliseconds(100);
        }
        send_resends();
        if (write_ && !sending_done_)  // pre-signed: nothing to do until they run low
        {
            const uint64_t target = std::min<uint64_t>({remaining(), kSignAhead, signed_.size()});
            sign_ahead(target - std::min(signed_count_, target));
        }
        publish_progress();
        if (finished(now))
            return;
        if (sending_done_ && now > drain_deadline_)
            return give_up();
        wait(now);
    }
}

void LoadThread::publish_progress()
{
    if (in_.progress == nullptr)
        return;
    const Ledger& l = result_.ledger;
    uint64_t steady_blocks = 0;
    if (in_.first_block_with_ours != nullptr)
    {
        const uint64_t first = in_.first_block_with_ours->load(std::memory_order_relaxed);
        steady_blocks = first != UINT64_MAX && last_seen_block_ > first ? last_seen_block_ - first : 0;
    }
    in_.progress->publish({.offered = l.offered,
                           .submitted = l.submitted,
                           .included = l.included + l.in_block + l.reverted + awaiting_outcome_.size(),
                           .failed = l.failed_total(),
                           .lost = l.lost,
                           .in_flight = client_.in_flight(),
                           .awaiting_block = pending_.size(),
                           .steady_blocks = steady_blocks});
}

bool LoadThread::finished(Clock::time_point) const
{
    return sending_done_ && client_.in_flight() == 0 && pending_.empty() && awaiting_outcome_.empty();
}

uint64_t LoadThread::remaining() const
{
    return in_.operations == 0 ? UINT64_MAX : in_.operations - std::min(in_.operations, started_);
}

void LoadThread::sign_one(uint32_t w, std::pmr::memory_resource* memory)
{
    const Address& peer = in_.wallets[(w + 1) % in_.wallets.size()].address;
    const uint64_t nonce = book_.take_nonce(w);
    in_.operation->sign(in_.wallets[w], peer, nonce, scratch_);
    const auto part = static_cast<uint8_t>(in_.operation->part_of(in_.wallets[w].address, nonce));
    std::pmr::string hex(hex_size(scratch_.raw.size()), '\0', memory);
    write_hex(scratch_.raw, hex);
    signed_[w].items.push_back({book_.epoch(w), scratch_.hash, std::move(hex), part});
    ++signed_count_;
}

void LoadThread::presign(uint64_t count)
{
    // Round robin: wallet w's k-th transaction is its k-th nonce, and every wallet gets its
    // share, so the pending cap and the in-order rule still spread the sends over all of them.
    const size_t wallets = signed_.size();
    if (wallets == 0)
        return;
    presign_memory_ = std::make_unique<std::pmr::monotonic_buffer_resource>(count * kPresignedBytesGuess,
                                                                            &presign_pages_);
    std::vector<SignedQueue> queues;
    queues.reserve(wallets);
    for (size_t w = 0; w < wallets; ++w)
    {
        queues.emplace_back(presign_memory_.get());
        queues.back().items.reserve(count / wallets + 1);  // no moves of what is signed while growing
    }
    signed_ = std::move(queues);
    for (uint64_t i = 0; i < count; ++i)
        sign_one(static_cast<uint32_t>(i % wallets), presign_memory_.get());
    result_.presigned = signed_count_;
}

void LoadThread::sign_ahead(uint64_t count)
{
    // One transaction ahead per wallet, over the wallets in turn: the one a wallet sends next.
    const size_t wallets = signed_.size();
    for (size_t looked = 0; count > 0 && looked < wallets; ++looked)
    {
        const uint32_t w = cursor_++ % static_cast<uint32_t>(wallets);
        if (!signed_[w].empty() || book_.resyncing(w))
            continue;
        sign_one(w);
        --count;
    }
}

Prepared* LoadThread::next_prepared(uint32_t w)
{
    // Dropped unsent: signed with a nonce that a resync voided, or re-signed after a resync into
    // the very transaction (same hash) that is still awaiting its block: sending it twice would
    // offer one transaction twice, and a refusal of the copy would settle the original.
    // A wallet never resynced (epoch 0) signs each nonce once: no copy can be pending, and the
    // lookup (a cache miss per send) is skipped.
    SignedQueue& queue = signed_[w];
    const uint64_t epoch = book_.epoch(w);
    while (!queue.empty() && (queue.front().epoch != epoch || (epoch != 0 && pending_.count(queue.front().hash) != 0)))
    {
        queue.pop_front();
        --signed_count_;
    }
    if (queue.empty())
        sign_one(w);
    return &queue.front();
}

void LoadThread::start_due(Clock::time_point woke)
{
    // Read again, not the pass's start: the blocks and answers absorbed since then (a block of
    // 1,000 hashes takes a few hundred µs) delay these sends, and lateness counts that delay.
    const Clock::time_point now = Clock::now();
    no_wallet_free_ = false;
    if (now >= send_end_ || remaining() == 0)
        return finish_sending(now, config_.inclusion_timeout);
    if (now < backoff_until_)
        return;  // the node did not answer at all a moment ago: no flood of doomed sends
    const bool open = schedule_.has_value();
    while (remaining() > 0 && client_.in_flight() < client_.max_in_flight())
    {
        uint64_t budget = open ? (open_send_at() <= now ? config_.batch : 0)
                               : in_.concurrency - std::min(in_.concurrency, awaiting_);
        budget = std::min({budget, remaining(), config_.batch});
        std::vector<Sent> group;
        std::vector<std::pmr::string> bodies;
        group.reserve(budget);  // one allocation a request, not one per doubling up to the batch
        if (write_)
            bodies.reserve(budget);
        for (uint64_t i = 0; i < budget && (!open || schedule_->next() <= now); ++i)
        {
            Sent sent{.reference = now};
            if (write_)
            {
                // The next wallet in line that may send: none answer-pending, under its cap.
                const int64_t w = book_.take_ready();
                if (w < 0)
                {
                    no_wallet_free_ = true;
                    break;
                }
                sent.wallet = static_cast<uint32_t>(w);
                Prepared* p = next_prepared(sent.wallet);
                sent.hash = p->hash;
                sent.part = p->part;
                bodies.push_back(std::move(p->raw_hex));
                signed_[sent.wallet].pop_front();
                --signed_count_;
                book_.sent(sent.wallet);
            }
            else
                sent.wallet = static_cast<uint32_t>(cursor_++ % std::max<size_t>(1, in_.wallets.size()));
            if (open)
            {
                sent.reference = schedule_->next();
                if (now - schedule_->next() > late_after())
                {
                    ++result_.ledger.late;
                    // The thread slept on a timer set to wake it by this start's send time and
                    // woke past the allowance: the host ran it late, not the work before the wait
                    // nor the work since the wake.
                    if (wake_by_ && *wake_by_ <= schedule_->next() + open_hold_ &&
                        woke - schedule_->next() > late_after())
                        ++result_.ledger.late_on_wake;
                }
                schedule_->advance();
            }
            group.push_back(sent);
            ++started_;
            ++result_.ledger.offered;
        }
        if (group.empty())
            return;
        submit(std::move(group), std::move(bodies));
    }
}

Clock::duration LoadThread::late_after() const
{
    return std::max<Clock::duration>(config_.late_after, schedule_->mean_gap());
}

Clock::time_point LoadThread::open_send_at() const
{
    // Held for open_hold_, the due starts go out together in one request (up to the batch); the
    // hold is part of their latency, which runs from the intended start.
    return schedule_->next() + open_hold_;
}

void LoadThread::finish_sending(Clock::time_point now, Clock::duration drain)
{
    if (sending_done_)
        return;
    sending_done_ = true;
    result_.sending_stopped = now;
    if (schedule_ && in_.operations == 0)
        for (; schedule_->next() < send_end_ && schedule_->next() <= now; schedule_->advance())
        {
            ++result_.ledger.offered;  // due in the window but never started
            ++result_.ledger.dropped;
        }
    drain_deadline_ = now + drain + in_.rpc.timeout;
}

bool LoadThread::behind(Clock::time_point now) const
{
    return schedule_ && !sending_done_ && remaining() > 0 && schedule_->next() + late_after() < now;
}

void LoadThread::wait(Clock::time_point now)
{
    if (behind(now))
    {
        // Overdue and yet idle: no wallet may send, or every request slot is taken.
        const auto idle_from = Clock::now();
        wait_for_work(now);
        const uint64_t idle = micros(Clock::now() - idle_from);
        result_.ledger.behind_waiting_us += idle;
        if (no_wallet_free_)
            result_.ledger.behind_no_wallet_us += idle;
        return;
    }
    wait_for_work(now);
}

void LoadThread::wait_for_work(Clock::time_point now)
{
    // Until an answer, or the next send of due starts (open loop) when it comes within a
    // millisecond: the poll then wakes at that moment on a timer, not on curl's millisecond
    // timeout and not by napping in 50 us steps (at 1,000 starts a second the naps were most of
    // the generator's CPU). Otherwise a millisecond at most, for blocks and sweeps. A start
    // already due was held back (requests or wallets all busy): only an answer or a block frees
    // it, so it waits like the rest.
    const auto tick = now + std::chrono::milliseconds(1);
    const Clock::time_point send_at = schedule_ ? open_send_at() : tick;
    const bool start_first = schedule_ && !sending_done_ && send_at > now && send_at < tick;
    const Clock::time_point until = start_first ? send_at : tick;
    if (schedule_)
        wake_by_ = Clock::now() < until ? std::optional(until) : std::nullopt;
    if (client_.in_flight() == 0)
        std::this_thread::sleep_until(until);
    else
        client_.poll_until(until);
}

}  // namespace detail
}  // namespace zkload::engine
