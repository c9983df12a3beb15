// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cluster/cluster.hpp"
#include "engine/driver.hpp"
#include "engine/finality.hpp"
#include "engine/histogram.hpp"
#include "engine/interval_latency.hpp"
#include "engine/ledger.hpp"
#include "engine/live_progress.hpp"
#include "engine/operation.hpp"
#include "engine/part_result.hpp"
#include "engine/steady_window.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace zkload::engine {

/// One thread's wallets (disjoint from every other thread's) and the nonces they send next.
struct WalletShard
{
    std::span<const pool::Wallet> wallets;
    std::vector<uint64_t> nonces;
};

/// Everything one benchmark row runs: the operation, how it is driven, one shard per thread.
struct RowSpec
{
    DriverConfig driver;
    const Operation* operation = nullptr;
    std::vector<WalletShard> shards;
    rpc::ClientOptions rpc;
    /// One cpu per thread (same length as shards) to pin to; empty = unpinned.
    std::vector<unsigned> cpus;
    std::chrono::milliseconds block_poll{25};
    /// Set by a signal handler: stop sending, wait briefly, return what was measured.
    const std::atomic<bool>* stop = nullptr;
    /// Called once the timed window has closed (every thread is done sending and every
    /// transaction is in a block or lost), before deferred receipts are read: what measures the
    /// node (its CPU) stops here.
    std::function<void()> on_window_closed;
    /// Called once every thread has signed ahead, just before the start: what measures the
    /// window (CPU shares) begins here, so pre-signing is outside it.
    std::function<void()> on_window_opened;
    /// Filled as the row runs, for live progress; sized to the shards by the caller. May be null.
    RowProgress* progress = nullptr;
    /// Inclusion latency per interval of the row (soak rows), begun at the row's start. May be null.
    IntervalLatency* interval_latency = nullptr;
    /// Write rows: a sample of the transactions followed to finality after the row and its
    /// receipts (finality.hpp); a fraction of 0 follows none.
    FinalityOptions finality;
    /// The ranks of an MPI run, each running its own shard of the row (null or one rank: this
    /// process alone): rank 0's follower passes the blocks to the others, and every rank's
    /// threads start after a barrier.
    cluster::Cluster* ranks = nullptr;
};

/// Transactions a row signs before its start (see DriverConfig::presign), given the block
/// interval its follower estimated.
uint64_t presign_count(const DriverConfig& driver, std::chrono::microseconds block_interval);

/// The merged result of a row.
struct RowResult
{
    Ledger ledger;
    Histogram ack;
    Histogram inclusion;
    /// A mix's parts (Operation::parts() > 1), in the operation's order; empty otherwise. Their
    /// included and reverted counts come from deferred receipts only.
    std::vector<PartResult> parts;
    /// First start → last inclusion (writes) or last answer (reads): the whole row.
    double wall_seconds = 0;
    /// First start → last answer from the node.
    double send_seconds = 0;
    /// The steady state of a write row (see steady_window.hpp); blocks == 0 when it had none.
    SteadyWindow steady;
    /// CPU time this process spent in the row up to the window's close (all its threads:
    /// signing, sending, following), pre-signing included; in an MPI run, not the wait for the
    /// other ranks at the start.
    double cpu_seconds = 0;
    /// Of cpu_seconds, what signing ahead of the start took, and how many it signed.
    double presign_cpu_seconds = 0;
    uint64_t presigned = 0;
    /// Reading the receipts after the window (deferred receipts): wall time, outside the row;
    /// how many were read, and whether a sample stood for the rest (an operation whose receipts
    /// are known in advance, see Operation::expected_receipt).
    double receipts_seconds = 0;
    uint64_t receipts_read = 0;
    bool receipts_sampled = false;
    /// Of the receipts asked for, those the node no longer had (DeferredReceipts::receipts_missing).
    uint64_t receipts_missing = 0;
    /// The smallest per-wallet pending cap a thread ended with.
    uint64_t pending_cap = 0;
    std::vector<std::string> bindings;
    uint64_t blocks_seen = 0;
    bool receipts_fallback = false;
    uint64_t follower_errors = 0;
    std::optional<std::string> follower_error;
    /// Why the row ended before its length when the node became unreachable (see ThreadResult).
    std::optional<std::string> node_lost;
    /// The finality stages of the sampled transactions (RowSpec::finality).
    FinalityResult finality;
    /// Write rows: every block seen during the row with this process's transactions in it, and
    /// the last block seen before the drain began (the one before the first seen when it began
    /// before any; none: no thread stopped sending): what ranks merge their steady window from
    /// (row_merge.hpp).
    std::vector<BlockTally> tallies;
    std::optional<uint64_t> drain_block;
};

/// Runs a row: starts the block follower (writes), one pinned thread per shard, all starting
/// together, and merges their histograms and ledgers once at the end.
RowResult run_row(const RowSpec& spec);

/// `total` split over `parts` as evenly as possible; part i's share.
uint64_t share(uint64_t total, size_t parts, size_t i);

}  // namespace zkload::engine
