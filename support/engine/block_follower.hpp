// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bytes.hpp"
#include "engine/receipts.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace zkload::engine {

/// One block as the follower saw it, stamped with the moment its transaction list arrived:
/// inclusion latency runs from a transaction's send (or intended send) time to this moment.
struct SeenBlock
{
    uint64_t number = 0;
    std::chrono::steady_clock::time_point seen_at;
    std::vector<Hash> hashes;
};

/// The receipts of one block: what became of its transactions.
struct BlockOutcome
{
    uint64_t number = 0;
    std::vector<IncludedTxn> txns;
};

/// Append-only list written by the follower and read by every engine thread, each with its
/// own cursor: a reader takes the entries past its cursor under a short lock.
template <typename T>
class AppendLog
{
public:
    void append(std::shared_ptr<const T> entry)
    {
        std::lock_guard lock(mutex_);
        entries_.push_back(std::move(entry));
        size_.store(entries_.size(), std::memory_order_release);
    }
    size_t size() const noexcept { return size_.load(std::memory_order_acquire); }
    /// Appends the entries from index `from` on to `out`; returns the new cursor.
    size_t read_from(size_t from, std::vector<std::shared_ptr<const T>>& out) const
    {
        std::lock_guard lock(mutex_);
        for (size_t i = from; i < entries_.size(); ++i)
            out.push_back(entries_[i]);
        return entries_.size();
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<const T>> entries_;
    std::atomic<size_t> size_{0};
};

using BlockLog = AppendLog<SeenBlock>;
using OutcomeLog = AppendLog<BlockOutcome>;

/// A chain's block interval from the timestamps (seconds) of consecutive blocks, oldest first:
/// the median gap, so that blocks a devnet mined at once (evm_mine while the suite set itself up)
/// do not halve a one-second interval; where the median gap is 0 (blocks faster than the
/// timestamps' one-second resolution) the mean gap. Nullopt when they cannot tell (fewer than
/// six blocks, or no time passed over them).
std::optional<std::chrono::microseconds> interval_from_timestamps(const std::vector<uint64_t>& timestamps);

/// The node's block interval as its last (up to 10) blocks up to `head` show it
/// (interval_from_timestamps), one eth_getBlockByNumber each; nullopt when they cannot tell
/// (a young chain, equal timestamps, a node without timestamps).
std::optional<std::chrono::microseconds> observed_block_interval(rpc::Client& client, uint64_t head);

/// One per row. The head thread polls eth_blockNumber and reads each new block's transaction
/// hashes (eth_getBlockByNumber without bodies: cheap on every node), which is when inclusion is
/// stamped. With live receipts an outcome thread then reads each block's receipts for status and
/// gas (ReceiptReader), so a node that builds receipts slowly (anvil: ~1 ms each in a
/// 5,000-transaction block) delays the count of reverts, never the inclusion time; with deferred
/// receipts the row reads them after its window instead. No per-transaction polling.
class BlockFollower
{
public:
    BlockFollower(rpc::ClientOptions options, std::chrono::milliseconds poll_interval, bool live_receipts = true);
    ~BlockFollower();
    BlockFollower(const BlockFollower&) = delete;
    BlockFollower& operator=(const BlockFollower&) = delete;

    /// Reads the current head (blocks up to it are not followed), estimates the block interval
    /// from the last blocks' timestamps, and starts the threads. Throws when the node does not
    /// answer.
    void start();
    /// The node's block interval as the last (up to 10) blocks before start() show it
    /// (interval_from_timestamps); 1 s when they cannot tell (a young chain, equal timestamps,
    /// no timestamps).
    std::chrono::microseconds block_interval_estimate() const noexcept { return interval_estimate_; }
    /// Reads what is new one last time, lets the outcome thread finish its queue, then stops.
    void stop();

    const BlockLog& log() const noexcept { return blocks_; }
    const OutcomeLog& outcomes() const noexcept { return outcomes_; }
    uint64_t blocks_seen() const noexcept { return blocks_seen_.load(); }
    uint64_t errors() const noexcept { return errors_.load(); }
    bool used_fallback() const noexcept { return receipts_.used_fallback(); }
    /// The most recent failure to read a block or its receipts, if any.
    std::optional<std::string> last_error() const;

private:
    void follow_heads();
    void catch_up();
    void follow_outcomes();
    void note_error(const std::exception& e);

    rpc::ClientOptions options_;
    std::chrono::milliseconds poll_interval_;
    bool live_receipts_;
    ReceiptReader receipts_;
    std::chrono::microseconds interval_estimate_{1'000'000};
    std::unique_ptr<rpc::Client> head_client_;
    BlockLog blocks_;
    OutcomeLog outcomes_;
    uint64_t next_block_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> blocks_seen_{0};
    std::atomic<uint64_t> errors_{0};
    mutable std::mutex mutex_;  // guards last_error_, queue_, heads_done_
    std::condition_variable queued_;
    std::deque<std::shared_ptr<const SeenBlock>> queue_;
    bool heads_done_ = false;
    std::optional<std::string> last_error_;
    std::thread head_thread_;
    std::thread outcome_thread_;
};

}  // namespace zkload::engine
