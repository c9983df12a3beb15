// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/block_follower.hpp"
#include "engine/ledger.hpp"
#include "engine/operation.hpp"
#include "engine/part_result.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zkload::engine {

/// The row's transactions in one block: how many, how many of them succeeded once their
/// receipts are known, and (deferred receipts) their positions in its transaction list.
struct BlockOfOurs
{
    uint64_t ours = 0;
    uint64_t succeeded = 0;
    std::vector<uint32_t> positions;
    std::vector<uint8_t> parts;  // a mix's part of each position; empty for a plain operation
};

/// What reading the receipts after a row did.
struct DeferredReceipts
{
    uint64_t receipts_read = 0;
    /// Receipts asked for that the node no longer had (a node that keeps the transactions of
    /// its last N blocks only, as the embedded devnet does): those transactions were seen in
    /// their blocks and count as included, without a status.
    uint64_t receipts_missing = 0;
    /// The operation's receipts were known in advance and a sample of them confirmed it.
    bool sampled = false;
    bool fallback = false;
    uint64_t errors = 0;
    std::optional<std::string> last_error;
};

/// How many receipts confirm an operation whose receipts are known in advance.
inline constexpr size_t kReceiptSample = 256;
/// How many of the sample must come back (all of it when it is smaller) for it to stand.
inline constexpr size_t kReceiptSampleQuorum = 32;

/// Reads the receipts of the row's transactions after its window (`ours`, block number →
/// positions, hashes from the follower's `log`, which keeps every block for this) and moves them in the ledger from in_block to
/// included or reverted, with their gas; a transaction whose receipt never comes counts as
/// included without a status. Blocks are read by up to 4 connections at once. For an
/// operation with an expected_receipt() only kReceiptSample receipts spread over the row are
/// read, and the gas of the rest is their mean; if one of them disagrees, all are read. A
/// sampled receipt the node no longer has is not a disagreement: the sample stands when at
/// least kReceiptSampleQuorum of it came back and all of those agree. Stops early (what is left counts as included) when
/// `stop` is raised. A mix's `parts` (empty for a plain operation) get their included and
/// reverted counts the same way.
DeferredReceipts read_deferred_receipts(const rpc::ClientOptions& rpc, const Operation& operation,
                                        BlockLog& log, std::map<uint64_t, BlockOfOurs>& ours, Ledger& ledger,
                                        std::vector<PartResult>& parts, const std::atomic<bool>* stop);

}  // namespace zkload::engine
