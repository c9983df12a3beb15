// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/block_follower.hpp"
#include "engine/driver.hpp"
#include "engine/histogram.hpp"
#include "engine/interval_latency.hpp"
#include "engine/live_progress.hpp"
#include "engine/ledger.hpp"
#include "engine/operation.hpp"
#include "engine/part_result.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace zkload::engine {

/// What one engine thread is given: its share of the row, its own wallets (no other thread
/// touches them) with the nonces they send next, and where blocks appear.
struct ThreadInput
{
    const DriverConfig* config = nullptr;
    const Operation* operation = nullptr;
    std::span<const pool::Wallet> wallets;
    std::vector<uint64_t> nonces;
    rpc::ClientOptions rpc;
    /// The row's block follower (writes only).
    BlockLog* blocks = nullptr;
    /// What the blocks' receipts say (status, gas), in block order: live receipts only; null
    /// when they are read after the row (DriverConfig::Receipts::deferred).
    OutcomeLog* outcomes = nullptr;
    /// This thread's place among the readers of both logs.
    size_t log_reader = 0;
    /// The row's first block holding one of its transactions, shared by its threads (UINT64_MAX
    /// until one is seen): rows measured in blocks stop sending `steady_blocks` after it.
    std::atomic<uint64_t>* first_block_with_ours = nullptr;
    /// The node's block interval as seen before the row (the block follower's estimate); the
    /// thread refines it from the blocks it sees, for rebroadcasts.
    std::chrono::microseconds block_interval{1'000'000};
    /// The thread prepares (binds, signs ahead), counts `ready` down, and starts sending at the
    /// time `start` then gives: every thread of a row starts at the same moment.
    std::latch* ready = nullptr;
    std::shared_future<std::chrono::steady_clock::time_point> start;
    /// This thread's share: operations (0 = run for the duration), rate, concurrency, and the
    /// transactions it signs before the start.
    uint64_t operations = 0;
    double rate_per_s = 0;
    uint64_t concurrency = 0;
    uint64_t presign = 0;
    uint64_t seed = 1;
    /// The cpu to bind to; none = unpinned.
    std::optional<unsigned> cpu;
    /// Set from outside (Ctrl-C) to stop sending, wait briefly for what is in flight, and end.
    const std::atomic<bool>* stop = nullptr;
    /// Where this thread shows its figures so far, if anyone watches (live progress).
    RowProgress::Thread* progress = nullptr;
    /// Where each inclusion also goes, by the interval its block was seen in (soak rows).
    IntervalLatency* interval_latency = nullptr;
};

/// The row's transactions one thread found in one block: how many, (once receipts are read) how
/// many of them succeeded, and with deferred receipts their positions in the block's transaction
/// list (to read their receipts after the row; live receipts need none).
struct BlockShare
{
    uint64_t number = 0;
    uint64_t ours = 0;
    uint64_t succeeded = 0;
    std::vector<uint32_t> positions;
    std::vector<uint8_t> parts;  // a mix's part of each position (deferred receipts, mixes only)
};

/// What one thread measured; the row merges these once.
struct ThreadResult
{
    Ledger ledger;
    /// Blocks holding this thread's transactions, in block order.
    std::vector<BlockShare> blocks;
    /// When this thread stopped starting operations: the row's drain begins at the earliest.
    std::chrono::steady_clock::time_point sending_stopped{};
    /// Smallest pending cap any wallet ended with (the adaptive cap shrinks on refusals).
    uint64_t pending_cap = 0;
    /// Transactions signed before the start (DriverConfig::presign).
    uint64_t presigned = 0;
    Histogram ack;        // µs, send (or intended send) → the node's answer
    Histogram inclusion;  // µs, send (or intended send) → block seen
    /// A mix's parts (Operation::parts() > 1), else empty.
    std::vector<PartResult> parts;
    std::chrono::steady_clock::time_point last_answer{};
    std::chrono::steady_clock::time_point last_inclusion{};
    std::string binding;
    /// Set when the thread stopped sending early because the node could not be reached (only
    /// transport failures, no answer, for longer than the RPC timeout): the last failure's words.
    std::optional<std::string> node_lost;
};

/// Runs one thread's part of a row on the calling thread: one curl_multi loop with many
/// requests in flight, transactions signed ahead of sending, local nonces sent in order (one
/// unanswered request per wallet) under a per-wallet cap, resync after any refusal, inclusion
/// matched against the follower's blocks, stuck transactions re-sent with the same bytes.
ThreadResult run_load_thread(ThreadInput input);

}  // namespace zkload::engine
