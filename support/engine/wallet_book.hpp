// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

namespace zkload::engine {

/// One thread's view of its wallets: the nonce each sends next, how many of its transactions
/// await a block, and whether its nonce is being re-read from the node after an error.
/// A resync bumps the wallet's epoch, which voids transactions signed before it.
class WalletBook
{
public:
    WalletBook(std::vector<uint64_t> next_nonces, uint64_t max_pending)
        : next_(std::move(next_nonces)), pending_(next_.size()), epoch_(next_.size()),
          resyncing_(next_.size()), max_pending_(max_pending)
    {
    }

    size_t size() const noexcept { return next_.size(); }

    /// The nonce to sign for wallet `w` next, advancing it.
    uint64_t take_nonce(size_t w) noexcept { return next_[w]++; }
    uint64_t epoch(size_t w) const noexcept { return epoch_[w]; }

    bool can_send(size_t w) const noexcept { return !resyncing_[w] && pending_[w] < max_pending_; }
    bool resyncing(size_t w) const noexcept { return resyncing_[w]; }
    void sent(size_t w) noexcept { ++pending_[w]; }
    void settled(size_t w) noexcept
    {
        if (pending_[w] > 0)
            --pending_[w];
    }
    uint64_t pending(size_t w) const noexcept { return pending_[w]; }

    /// Marks `w` as waiting for its nonce; false if it already was (one re-read at a time).
    bool begin_resync(size_t w) noexcept
    {
        if (resyncing_[w])
            return false;
        resyncing_[w] = true;
        return true;
    }

    /// The node's pending nonce arrived: continue from it, voiding what was signed before.
    void end_resync(size_t w, uint64_t node_nonce) noexcept
    {
        next_[w] = node_nonce;
        ++epoch_[w];
        resyncing_[w] = false;
    }

    /// The re-read failed: keep the local nonce and let the wallet send again.
    void abandon_resync(size_t w) noexcept { resyncing_[w] = false; }

private:
    std::vector<uint64_t> next_;
    std::vector<uint64_t> pending_;
    std::vector<uint64_t> epoch_;
    std::vector<bool> resyncing_;
    uint64_t max_pending_;
};

}  // namespace zkload::engine
