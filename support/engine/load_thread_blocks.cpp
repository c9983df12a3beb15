// SPDX-License-Identifier: Apache-2.0
// What the chain says: inclusion from the follower's blocks, live receipts, and the transactions
// that do not come: re-sent with the same bytes when stuck, lost after the inclusion timeout.
#include "engine/load_thread_detail.hpp"

namespace zkload::engine::detail {
namespace {

/// Re-sends wait this many block intervals (as observed), and as many new blocks, when
/// --rebroadcast-after is not given.
constexpr int kRebroadcastIntervals = 3;
/// ... but never less than this: a node with very short blocks still needs time to answer.
constexpr auto kMinRebroadcastAfter = std::chrono::milliseconds(250);

}  // namespace

void LoadThread::absorb_blocks()
{
    if (in_.blocks == nullptr || in_.blocks->size() == block_cursor_)
        return;
    new_blocks_.clear();
    block_cursor_ = in_.blocks->read_from(in_.log_reader, block_cursor_, new_blocks_);
    const bool live = in_.outcomes != nullptr;
    for (const auto& block : new_blocks_)
    {
        note_block_interval(*block);
        BlockShare share{.number = block->number};
        for (uint32_t position = 0; position < block->hashes.size(); ++position)
        {
            const Hash& hash = block->hashes[position];
            const auto it = pending_.find(hash);
            if (it == pending_.end())
                continue;
            // In a block: the wallet may send again; the receipt's status comes with the outcome
            // (live) or after the row (deferred).
            const uint64_t latency = micros(block->seen_at - it->second.reference);
            result_.inclusion.record(latency);
            const bool mixed = !result_.parts.empty();
            if (mixed)
                result_.parts[it->second.part].inclusion.record(latency);
            if (in_.interval_latency != nullptr)
                in_.interval_latency->record(block->seen_at, latency);
            latest_included_answer_ = std::max(latest_included_answer_, it->second.answered);
            result_.last_inclusion = std::max(result_.last_inclusion, block->seen_at);
            ++share.ours;
            if (live)
            {
                awaiting_outcome_.emplace(hash, block->number);
                ++awaiting_per_block_[block->number];
            }
            else
            {
                share.positions.push_back(position);
                if (mixed)
                    share.parts.push_back(it->second.part);
                ++result_.ledger.in_block;
            }
            settle(it);
        }
        last_seen_block_ = block->number;
        if (share.ours == 0)
            last_block_without_ours_ = block->number;
        else
        {
            if (in_.first_block_with_ours != nullptr)
            {
                uint64_t first = in_.first_block_with_ours->load();
                while (block->number < first && !in_.first_block_with_ours->compare_exchange_weak(first, block->number))
                {
                }
            }
            result_.blocks.push_back(std::move(share));
        }
        // A row measured in blocks has its steady window once `steady_blocks` blocks followed
        // the first one holding its transactions: the drain starts here.
        if (steady_ && !sending_done_ && in_.first_block_with_ours != nullptr)
        {
            const uint64_t first = in_.first_block_with_ours->load();
            if (first != UINT64_MAX && block->number >= first + config_.steady_blocks)
                finish_sending(Clock::now(), config_.inclusion_timeout);
        }
    }
}

void LoadThread::note_block_interval(const SeenBlock& block)
{
    if (!first_block_seen_)
    {
        first_block_seen_.emplace(block.number, block.seen_at);
        return;
    }
    const auto& [first_number, first_seen] = *first_block_seen_;
    if (block.number >= first_number + 2)
        block_interval_ = (block.seen_at - first_seen) / static_cast<int64_t>(block.number - first_number);
}

void LoadThread::settle(std::unordered_map<Hash, Pending, HashKey>::iterator it)
{
    const uint32_t w = it->second.wallet;
    in_pool_[w].erase(it->first);
    pending_.erase(it);
    book_.settled(w);
}

void LoadThread::absorb_outcomes()
{
    if (in_.outcomes == nullptr || in_.outcomes->size() == outcome_cursor_)
        return;
    new_outcomes_.clear();
    in_.outcomes->read_from(in_.log_reader, outcome_cursor_, new_outcomes_);
    Ledger& ledger = result_.ledger;
    for (const auto& outcome : new_outcomes_)
    {
        if (outcome->number > last_seen_block_)
            break;  // its block is not absorbed yet: take it on a later pass, in order
        ++outcome_cursor_;
        const auto count = awaiting_per_block_.find(outcome->number);
        if (count == awaiting_per_block_.end())
            continue;
        uint64_t succeeded = 0;
        for (const IncludedTxn& txn : outcome->txns)
            if (awaiting_outcome_.erase(txn.hash) != 0)
            {
                ++(txn.success ? ledger.included : ledger.reverted);
                succeeded += txn.success ? 1 : 0;
                ledger.gas_used += txn.gas_used;
                --count->second;
            }
        if (count->second != 0)  // the node gave no receipt for some: in a block, status unknown
            std::erase_if(awaiting_outcome_, [&](const auto& entry) {
                if (entry.second != outcome->number)
                    return false;
                ++ledger.included;
                ++succeeded;
                return true;
            });
        awaiting_per_block_.erase(count);
        for (auto share = result_.blocks.rbegin(); share != result_.blocks.rend(); ++share)
            if (share->number == outcome->number)
            {
                share->succeeded += succeeded;
                break;
            }
    }
}

Clock::duration LoadThread::rebroadcast_after() const
{
    if (config_.rebroadcast_after.count() > 0)
        return config_.rebroadcast_after;
    return std::max<Clock::duration>(kMinRebroadcastAfter, kRebroadcastIntervals * block_interval_);
}

void LoadThread::sweep(Clock::time_point now)
{
    if (!write_)
        return;
    std::erase_if(resync_later_, [&](const auto& entry) {
        if (entry.first > now)
            return false;
        resync_backlog_.push_back(entry.second);  // still marked as resyncing: asked again
        return true;
    });
    // Lost: accepted, and no block holds it this long after the node's first answer. A wallet's
    // transactions are answered in nonce order (one request of a wallet at a time), so only its
    // oldest ones can have waited that long: the walk stops at the first that has not. (Walking
    // every pending transaction ten times a second cost a hash lookup each: on a node with
    // one-second blocks, some 30 lookups per transaction sent.)
    for (uint32_t w = 0; w < in_pool_.size(); ++w)
    {
        while (!in_pool_[w].empty())
        {
            const auto it = pending_.find(in_pool_[w].front());
            if (!it->second.acked || now - it->second.answered <= config_.inclusion_timeout)
                break;
            ++result_.ledger.lost;
            in_pool_[w].pop_front();
            pending_.erase(it);
            book_.settled(w);
            resync(w);
        }
    }
    // Stuck: a wallet whose oldest pending transaction waits longer than a few blocks re-sends
    // every stuck one, lowest nonce first, one request at a time, before anything new. A node
    // that dropped one (or never promotes the nonces behind a gap) then gets them in order.
    // By default the node must also have sealed that many blocks without it: a node that stalls
    // (anvil growing its maps takes seconds) still holds them, and a flood of re-sends then
    // only adds signature checks to its backlog. And it must have passed it over: included one
    // of ours accepted after it, or sealed a block with none of ours. A node whose blocks are
    // full (deploys fill anvil's gas limit) includes its backlog in order; it is not stuck.
    // The oldest was sent (and re-sent) first, so when it is not stuck, none behind it is.
    const Clock::duration after = rebroadcast_after();
    const uint64_t blocks_after = config_.rebroadcast_after.count() > 0 ? 0 : kRebroadcastIntervals;
    const auto is_stuck = [&](const Pending& p) {
        const bool passed_over = config_.rebroadcast_after.count() > 0 || latest_included_answer_ > p.last_sent ||
                                 last_block_without_ours_ > p.head_at_last_sent;
        return p.acked && now - p.last_sent > after && last_seen_block_ >= p.head_at_last_sent + blocks_after &&
               passed_over;
    };
    for (uint32_t w = 0; w < in_pool_.size(); ++w)
    {
        if (in_pool_[w].empty() || book_.unanswered(w) || book_.resending(w) ||
            !is_stuck(pending_.at(in_pool_[w].front())))
            continue;
        std::vector<Hash> stuck;
        for (const Hash& hash : in_pool_[w])
            if (is_stuck(pending_.at(hash)))
                stuck.push_back(hash);
        std::reverse(stuck.begin(), stuck.end());  // popped from the back: lowest nonce first
        resend_[w] = std::move(stuck);
        book_.begin_resending(w);
        resend_ready_.push_back(w);
    }
}

void LoadThread::send_resends()
{
    while (!resend_ready_.empty() && client_.in_flight() < client_.max_in_flight())
    {
        const uint32_t w = resend_ready_.back();
        resend_ready_.pop_back();
        std::vector<Hash>& queue = resend_[w];
        auto it = pending_.end();
        while (!queue.empty() && (it = pending_.find(queue.back())) == pending_.end())
            queue.pop_back();  // included (or lost) since the sweep
        if (queue.empty())
        {
            book_.end_resending(w);
            continue;
        }
        queue.pop_back();
        it->second.last_sent = Clock::now();
        it->second.head_at_last_sent = last_seen_block_;
        ++result_.ledger.rebroadcasts;
        book_.resent(w);
        submit({Sent{.hash = it->first, .wallet = w, .reference = it->second.reference, .resend = true}},
               {it->second.raw_hex});
    }
}

void LoadThread::give_up()
{
    absorb_blocks();
    absorb_outcomes();
    result_.ledger.lost += pending_.size();
    result_.ledger.included += awaiting_outcome_.size();  // in a block; receipts never came
    for (const auto& [hash, number] : awaiting_outcome_)
        for (auto share = result_.blocks.rbegin(); share != result_.blocks.rend(); ++share)
            if (share->number == number)
            {
                ++share->succeeded;
                break;
            }
    pending_.clear();
    awaiting_outcome_.clear();
    client_.drain(std::chrono::milliseconds(0));
}

}  // namespace zkload::engine::detail
