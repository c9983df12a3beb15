// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bytes.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace zkload::engine {

/// A transaction as a block's receipt shows it.
struct IncludedTxn
{
    Hash hash{};
    bool success = false;
    uint64_t gas_used = 0;
};

/// One block as the follower saw it, stamped with the moment it was seen: inclusion latency
/// runs from a transaction's send (or intended send) time to this moment.
struct SeenBlock
{
    uint64_t number = 0;
    std::chrono::steady_clock::time_point seen_at;
    std::vector<IncludedTxn> txns;
};

/// Append-only list of blocks written by the follower and read by every engine thread, each
/// with its own cursor: a reader takes the blocks past its cursor under a short lock.
class BlockLog
{
public:
    void append(std::shared_ptr<const SeenBlock> block);
    size_t size() const noexcept { return size_.load(std::memory_order_acquire); }
    /// Appends the blocks from index `from` on to `out`; returns the new cursor.
    size_t read_from(size_t from, std::vector<std::shared_ptr<const SeenBlock>>& out) const;

private:
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<const SeenBlock>> blocks_;
    std::atomic<size_t> size_{0};
};

/// One per row: a thread that polls eth_blockNumber and, for every new block, fetches its
/// receipts with eth_getBlockReceipts (or, where the node lacks it, the block's hashes and
/// batched eth_getTransactionReceipt). No per-transaction polling by the senders.
class BlockFollower
{
public:
    BlockFollower(rpc::ClientOptions options, std::chrono::milliseconds poll_interval);
    ~BlockFollower();
    BlockFollower(const BlockFollower&) = delete;
    BlockFollower& operator=(const BlockFollower&) = delete;

    /// Reads the current head (blocks up to it are not followed) and starts the thread.
    /// Throws when the node does not answer.
    void start();
    /// Fetches what is new one last time, then stops the thread.
    void stop();

    const BlockLog& log() const noexcept { return log_; }
    uint64_t blocks_seen() const noexcept { return blocks_seen_.load(); }
    uint64_t errors() const noexcept { return errors_.load(); }
    bool used_fallback() const noexcept { return fallback_.load(); }
    /// The most recent failure to read a block, if any.
    std::optional<std::string> last_error() const;

private:
    void run();
    void catch_up();
    std::shared_ptr<SeenBlock> fetch(uint64_t number);
    std::vector<IncludedTxn> fetch_by_hashes(uint64_t number);

    rpc::ClientOptions options_;
    std::chrono::milliseconds poll_interval_;
    std::unique_ptr<rpc::Client> client_;
    BlockLog log_;
    uint64_t next_block_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> blocks_seen_{0};
    std::atomic<uint64_t> errors_{0};
    std::atomic<bool> fallback_{false};
    mutable std::mutex error_mutex_;
    std::optional<std::string> last_error_;
    std::thread thread_;
};

}  // namespace zkload::engine
