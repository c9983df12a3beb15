// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace zkload::null_node {

/// One sealed block of the null node: what a block follower needs and nothing more.
struct SealedBlock
{
    uint64_t number = 0;
    Hash hash{};
    Hash parent_hash{};
    uint64_t timestamp = 0;
    std::vector<Hash> transactions;
};

/// A transaction found in a sealed block: the block (kept alive by the pointer) and its index.
struct IncludedTxn
{
    std::shared_ptr<const SealedBlock> block;
    uint32_t index = 0;
};

/// How much history stays in memory; older blocks and their transactions are forgotten, so a
/// long run at tens of thousands of tx/s keeps a bounded footprint (~100 bytes per transaction,
/// ~50 MB at the default: 25 s of history at 20,000 tx/s, far more than a block follower lags).
struct RetentionLimits
{
    size_t max_blocks = 1000;
    size_t max_transactions = 500'000;
};

/// The null node's chain: transaction hashes in, blocks of hashes out. No state, no execution,
/// no signature checks. Thread-safe: request threads add and read while a timer thread seals.
/// Sealed blocks are immutable and shared, so readers format them outside the lock.
class ChainOfHashes
{
public:
    /// Starts with block 0 (empty) sealed at `genesis_timestamp`.
    explicit ChainOfHashes(uint64_t genesis_timestamp, RetentionLimits limits = {});

    /// Remembers a transaction for the next block; false when the hash is already pending or
    /// still remembered in a block (a real node answers "already known").
    bool add_pending(const Hash& hash);

    /// Receipt requests served (eth_getBlockReceipts, eth_getTransactionReceipt): a load generator
    /// that reads receipts only after its timed window can be seen doing so.
    void note_receipt_request() noexcept { receipt_requests_.fetch_add(1, std::memory_order_relaxed); }
    uint64_t receipt_requests() const noexcept { return receipt_requests_.load(std::memory_order_relaxed); }

    /// True while the hash is pending or remembered in a block.
    bool knows(const Hash& hash) const;

    /// Seals the next block with everything pending (possibly nothing); returns its number.
    uint64_t seal(uint64_t timestamp);

    uint64_t latest_number() const;

    /// Transactions accepted so far, ever: the null node's nonce for every sender (it tracks
    /// none), so nonces read before a row are above every nonce used earlier.
    uint64_t accepted() const;

    /// The sealed block, or null when it is not sealed yet or was forgotten. Block 0 is never
    /// forgotten: clients recognize a chain by its genesis hash.
    std::shared_ptr<const SealedBlock> block(uint64_t number) const;

    /// Where the transaction was included; nullopt while pending, when unknown or forgotten.
    std::optional<IncludedTxn> find_included(const Hash& hash) const;

    /// The deterministic hash of block `number`: keccak256 of its 32-byte big-endian number.
    static Hash block_hash(uint64_t number);

private:
    /// Position of a remembered transaction; block == kPending while it waits for a seal.
    struct Location
    {
        uint64_t block = 0;
        uint32_t index = 0;
    };
    static constexpr uint64_t kPending = UINT64_MAX;

    /// Transaction hashes are uniformly random: their first 8 bytes are a perfect hash.
    struct HashOfHash
    {
        size_t operator()(const Hash& hash) const noexcept;
    };

    void forget_oldest_while_over_limits();

    mutable std::mutex mutex_;
    RetentionLimits limits_;
    std::deque<std::shared_ptr<const SealedBlock>> blocks_;
    std::shared_ptr<const SealedBlock> genesis_;
    std::vector<Hash> pending_;
    uint64_t accepted_ = 0;
    std::unordered_map<Hash, Location, HashOfHash> locations_;
    size_t retained_transactions_ = 0;
    std::atomic<uint64_t> receipt_requests_{0};
};

}  // namespace zkload::null_node
