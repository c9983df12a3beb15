// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace zkload::engine {

/// One thread's view of its wallets, the rules that keep every wallet's nonces reaching the node
/// in order on any connection layout:
///  - a wallet has at most one send request awaiting the node's answer (`unanswered`), so its
///    next nonce leaves only after the previous one was answered;
///  - at most `cap` of its transactions await a block (the cap can shrink, never grow);
///  - while it re-sends stuck transactions it sends nothing new;
///  - while its nonce is re-read from the node after an error it sends nothing, and the re-read
///    bumps its epoch, which voids what was signed before.
/// Wallets that may send are handed out in FIFO order by `take_ready`, so load spreads evenly.
class WalletBook
{
public:
    WalletBook(std::vector<uint64_t> next_nonces, uint64_t max_pending)
        : next_(std::move(next_nonces)), pending_(next_.size()), epoch_(next_.size()), resyncing_(next_.size()),
          resending_(next_.size()), unanswered_(next_.size()), queued_(next_.size()),
          cap_(max_pending == 0 ? 1 : max_pending)
    {
        for (size_t w = 0; w < next_.size(); ++w)
            offer(w);
    }

    size_t size() const noexcept { return next_.size(); }

    /// The nonce to sign for wallet `w` next, advancing it.
    uint64_t take_nonce(size_t w) noexcept { return next_[w]++; }
    uint64_t epoch(size_t w) const noexcept { return epoch_[w]; }

    bool can_send(size_t w) const noexcept
    {
        return !resyncing_[w] && !resending_[w] && !unanswered_[w] && pending_[w] < cap_;
    }
    bool resyncing(size_t w) const noexcept { return resyncing_[w]; }
    bool resending(size_t w) const noexcept { return resending_[w]; }
    bool unanswered(size_t w) const noexcept { return unanswered_[w]; }
    uint64_t pending(size_t w) const noexcept { return pending_[w]; }
    uint64_t cap() const noexcept { return cap_; }

    /// The next wallet that may send now, in the order they became ready; -1 when none.
    /// A wallet handed out stays out of the queue until an event (answer, block, resync) may
    /// have made it ready again.
    int64_t take_ready()
    {
        while (!ready_.empty())
        {
            const size_t w = ready_.front();
            ready_.pop_front();
            queued_[w] = false;
            if (can_send(w))
                return static_cast<int64_t>(w);
        }
        return -1;
    }

    /// Puts `w` back in line when it may send (called after each event that can free it).
    void offer(size_t w)
    {
        if (!queued_[w] && can_send(w))
        {
            queued_[w] = true;
            ready_.push_back(static_cast<uint32_t>(w));
        }
    }

    /// A request carrying a transaction of `w` left; it awaits the node's answer.
    void sent(size_t w) noexcept
    {
        unanswered_[w] = true;
        ++pending_[w];
    }
    /// A re-send of a transaction already counted as pending left.
    void resent(size_t w) noexcept { unanswered_[w] = true; }
    /// The node answered the request carrying `w`'s transaction.
    void answered(size_t w)
    {
        unanswered_[w] = false;
        offer(w);
    }
    /// One of `w`'s transactions is settled: in a block, refused or lost.
    void settled(size_t w)
    {
        if (pending_[w] > 0)
            --pending_[w];
        offer(w);
    }

    /// The node refused a wallet for having too many transactions waiting: no wallet of this
    /// thread goes above `new_cap` (at least 1) again.
    void shrink_cap(uint64_t new_cap) noexcept { cap_ = new_cap < cap_ ? (new_cap == 0 ? 1 : new_cap) : cap_; }

    /// While `w` re-sends its stuck transactions (lowest nonce first) it sends nothing new, so a
    /// node that drops future nonces gets the gap filled before anything above it.
    void begin_resending(size_t w) noexcept { resending_[w] = true; }
    void end_resending(size_t w)
    {
        resending_[w] = false;
        offer(w);
    }

    /// Marks `w` as waiting for its nonce; false if it already was (one re-read at a time).
    bool begin_resync(size_t w) noexcept
    {
        if (resyncing_[w])
            return false;
        resyncing_[w] = true;
        return true;
    }

    /// The node's pending nonce arrived: continue from it, voiding what was signed before.
    void end_resync(size_t w, uint64_t node_nonce)
    {
        next_[w] = node_nonce;
        ++epoch_[w];
        resyncing_[w] = false;
        offer(w);
    }

    /// The re-read failed: keep the local nonce and let the wallet send again.
    void abandon_resync(size_t w)
    {
        resyncing_[w] = false;
        offer(w);
    }

private:
    std::vector<uint64_t> next_;
    std::vector<uint64_t> pending_;
    std::vector<uint64_t> epoch_;
    std::vector<bool> resyncing_;
    std::vector<bool> resending_;
    std::vector<bool> unanswered_;
    std::vector<bool> queued_;
    std::deque<uint32_t> ready_;
    uint64_t cap_;
};

}  // namespace zkload::engine
