// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cluster/cluster.hpp"
#include "codec/bytes.hpp"
#include "engine/append_log.hpp"
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

/// When the follower saw a block: what a row's steady window needs of every block, kept for the
/// whole row (16 bytes a block) after the block's hashes are dropped.
struct BlockSighting
{
    uint64_t number = 0;
    std::chrono::steady_clock::time_point seen_at;
};

/// The receipts of one block: what became of its transactions.
struct BlockOutcome
{
    uint64_t number = 0;
    std::vector<IncludedTxn> txns;
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
///
/// Its logs have one reader per engine thread (reader i: thread i) and drop what every thread
/// has read, so memory does not grow with a row's length; with deferred receipts the block log
/// keeps every block for reading them after the row.
class BlockFollower
{
public:
    /// With `relay` (a channel to the other ranks of an MPI run, every rank constructing its
    /// follower with one), rank 0 alone reads the node and passes each block's hashes to the
    /// others, which stamp them when they arrive; following ends once every rank has called
    /// stop(). Without, this process reads the node itself.
    BlockFollower(rpc::ClientOptions options, std::chrono::milliseconds poll_interval, bool live_receipts = true,
                  size_t readers = 1, cluster::Cluster* relay = nullptr);
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

    BlockLog& log() noexcept { return blocks_; }
    OutcomeLog& outcomes() noexcept { return outcomes_; }
    /// Every block seen, in order; read after stop().
    const std::vector<BlockSighting>& sightings() const noexcept { return sightings_; }
    uint64_t blocks_seen() const noexcept { return blocks_seen_.load(); }
    uint64_t errors() const noexcept { return errors_.load(); }
    bool used_fallback() const noexcept { return receipts_.used_fallback(); }
    /// The most recent failure to read a block or its receipts, if any.
    std::optional<std::string> last_error() const;

private:
    void follow_heads();
    /// The head thread of a rank in an MPI run: ticks in step with the other ranks.
    void follow_relayed();
    /// Reads the blocks up to the head (the source, or a process on its own); returns them.
    std::vector<std::shared_ptr<SeenBlock>> catch_up();
    /// Adds a block to the log, the sightings and the receipt queue.
    void publish(std::shared_ptr<SeenBlock> block);
    void follow_outcomes();
    void note_error(const std::exception& e);

    rpc::ClientOptions options_;
    std::chrono::milliseconds poll_interval_;
    bool live_receipts_;
    cluster::Cluster* relay_;
    ReceiptReader receipts_;
    std::chrono::microseconds interval_estimate_{1'000'000};
    std::unique_ptr<rpc::Client> head_client_;
    BlockLog blocks_;
    OutcomeLog outcomes_;
    std::vector<BlockSighting> sightings_;  // written by the head thread only
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
