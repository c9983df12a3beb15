// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/block_follower.hpp"
#include "engine/driver.hpp"
#include "engine/histogram.hpp"
#include "engine/ledger.hpp"
#include "engine/operation.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <chrono>
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
    const BlockLog* blocks = nullptr;
    /// What the blocks' receipts say (status, gas), in block order (writes only).
    const OutcomeLog* outcomes = nullptr;
    std::chrono::steady_clock::time_point start;
    /// This thread's share: operations (0 = run for the duration), rate, concurrency.
    uint64_t operations = 0;
    double rate_per_s = 0;
    uint64_t concurrency = 0;
    uint64_t seed = 1;
    /// The cpu to bind to; none = unpinned.
    std::optional<unsigned> cpu;
    /// Set from outside (Ctrl-C) to stop sending, wait briefly for what is in flight, and end.
    const std::atomic<bool>* stop = nullptr;
};

/// What one thread measured; the row merges these once.
struct ThreadResult
{
    Ledger ledger;
    Histogram ack;        // µs, send (or intended send) → the node's answer
    Histogram inclusion;  // µs, send (or intended send) → block seen
    std::chrono::steady_clock::time_point last_answer{};
    std::chrono::steady_clock::time_point last_inclusion{};
    std::string binding;
    /// Set when the thread stopped sending early because the node could not be reached (only
    /// transport failures, no answer, for longer than the RPC timeout): the last failure's words.
    std::optional<std::string> node_lost;
};

/// Runs one thread's part of a row on the calling thread: one curl_multi loop with many
/// requests in flight, transactions signed ahead of sending, local nonces with a per-wallet cap
/// and resync after any refusal, inclusion matched against the follower's blocks.
ThreadResult run_load_thread(ThreadInput input);

}  // namespace zkload::engine
