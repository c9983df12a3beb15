// SPDX-License-Identifier: Apache-2.0
#include "engine/row.hpp"

#include "engine/block_follower.hpp"
#include "engine/deferred_receipts.hpp"
#include "engine/load_thread.hpp"

#include <future>
#include <latch>
#include <map>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <sys/resource.h>

namespace zkload::engine {
namespace {

using Clock = std::chrono::steady_clock;

double process_cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double seconds_between(Clock::time_point from, Clock::time_point to)
{
    return to <= from ? 0.0 : std::chrono::duration<double>(to - from).count();
}

}  // namespace

uint64_t share(uint64_t total, size_t parts, size_t i)
{
    return total / parts + (i < total % parts ? 1 : 0);
}

uint64_t presign_count(const DriverConfig& driver, std::chrono::microseconds block_interval)
{
    double expected_s = std::chrono::duration<double>(driver.duration).count();
    if (expected_s <= 0)
        expected_s = static_cast<double>(driver.steady_blocks + 3) * std::chrono::duration<double>(block_interval).count();
    const auto by_rate = static_cast<uint64_t>(std::max(0.0, driver.presign_per_s * expected_s));
    uint64_t count = std::min(driver.presign + by_rate, driver.presign_cap);
    return driver.operations > 0 ? std::min(count, driver.operations) : count;
}

RowResult run_row(const RowSpec& spec)
{
    if (spec.operation == nullptr || spec.shards.empty())
        throw std::invalid_argument("a row needs an operation and at least one wallet shard");
    if (!spec.cpus.empty() && spec.cpus.size() != spec.shards.size())
        throw std::invalid_argument("a pinned row needs one cpu per thread");
    if (spec.progress != nullptr && spec.progress->threads() != spec.shards.size())
        throw std::invalid_argument("a row's progress needs one entry per thread");
    const double cpu_before = process_cpu_seconds();
    const bool writes = spec.operation->is_write();
    const bool live = spec.driver.receipts == DriverConfig::Receipts::live;
    if (live && spec.operation->parts() > 1)
        throw std::invalid_argument("a mix counts its parts from receipts read after the row: use deferred receipts");
    const bool ranked = spec.ranks != nullptr && spec.ranks->size() > 1;
    std::unique_ptr<cluster::Cluster> relay;  // outlives the follower that talks through it
    std::optional<BlockFollower> follower;
    if (writes)
    {
        if (ranked)
            relay = spec.ranks->side_channel();
        follower.emplace(spec.rpc, spec.block_poll, live, spec.shards.size(), relay.get());
        follower->start();
    }
    const size_t threads = spec.shards.size();
    const uint64_t presign =
        writes ? presign_count(spec.driver, follower->block_interval_estimate()) : 0;
    std::atomic<uint64_t> first_block_with_ours{UINT64_MAX};
    std::latch ready(static_cast<std::ptrdiff_t>(threads));
    std::promise<Clock::time_point> start_promise;
    const std::shared_future<Clock::time_point> start_future = start_promise.get_future().share();
    std::vector<std::future<ThreadResult>> running;
    for (size_t i = 0; i < threads; ++i)
    {
        ThreadInput input{.config = &spec.driver,
                          .operation = spec.operation,
                          .wallets = spec.shards[i].wallets,
                          .nonces = spec.shards[i].nonces,
                          .rpc = spec.rpc,
                          .blocks = writes ? &follower->log() : nullptr,
                          .outcomes = writes && live ? &follower->outcomes() : nullptr,
                          .log_reader = i,
                          .first_block_with_ours = &first_block_with_ours,
                          .block_interval = writes ? follower->block_interval_estimate() : std::chrono::seconds(1),
                          .ready = &ready,
                          .start = start_future,
                          .operations = spec.driver.operations == 0 ? 0 : share(spec.driver.operations, threads, i),
                          .rate_per_s = spec.driver.rate_per_s / static_cast<double>(threads),
                          .concurrency = share(spec.driver.concurrency, threads, i),
                          .presign = share(presign, threads, i),
                          .seed = spec.driver.seed + i,
                          .cpu = spec.cpus.empty() ? std::nullopt : std::optional<unsigned>(spec.cpus[i]),
                          .stop = spec.stop,
                          .progress = spec.progress ? &spec.progress->thread(i) : nullptr,
                          .interval_latency = spec.interval_latency};
        running.push_back(std::async(std::launch::async, run_load_thread, std::move(input)));
    }
    // Every thread signs its first transactions (the ceiling row: all of them), then all start
    // at the same moment.
    ready.wait();
    RowResult row;
    row.presign_cpu_seconds = process_cpu_seconds() - cpu_before;
    // Waiting at the barrier spins a core (MPI polls): not the generator's cost, left out.
    double barrier_cpu_seconds = 0;
    if (ranked)
    {
        const double waiting_from = process_cpu_seconds();
        spec.ranks->barrier();  // every rank has signed ahead: all start together
        barrier_cpu_seconds = process_cpu_seconds() - waiting_from;
    }
    if (spec.on_window_opened)
        spec.on_window_opened();
    const auto start = Clock::now() + std::chrono::milliseconds(20 + 5 * threads);
    if (spec.interval_latency != nullptr)
        spec.interval_latency->begin(start);
    start_promise.set_value(start);

    Clock::time_point last_answer = start, last_inclusion = start, drain_start = Clock::time_point::max();
    std::map<uint64_t, BlockOfOurs> ours;
    uint64_t pending_cap = UINT64_MAX;
    std::exception_ptr failure;
    for (auto& thread : running)
    {
        try
        {
            ThreadResult part = thread.get();
            row.ledger.merge(part.ledger);
            row.ack.merge(part.ack);
            row.inclusion.merge(part.inclusion);
            merge_parts(row.parts, part.parts);
            last_answer = std::max(last_answer, part.last_answer);
            last_inclusion = std::max(last_inclusion, part.last_inclusion);
            if (part.sending_stopped != Clock::time_point{})
                drain_start = std::min(drain_start, part.sending_stopped);
            pending_cap = std::min(pending_cap, part.pending_cap);
            row.presigned += part.presigned;
            for (BlockShare& block : part.blocks)
            {
                BlockOfOurs& mine = ours[block.number];
                mine.ours += block.ours;
                mine.positions.insert(mine.positions.end(), block.positions.begin(), block.positions.end());
                mine.parts.insert(mine.parts.end(), block.parts.begin(), block.parts.end());
                mine.succeeded += block.succeeded;
            }
            row.bindings.push_back(part.binding);
            if (part.node_lost && !row.node_lost)
                row.node_lost = std::move(part.node_lost);
        }
        catch (...)
        {
            failure = std::current_exception();
        }
    }
    row.cpu_seconds = process_cpu_seconds() - cpu_before - barrier_cpu_seconds;
    if (spec.on_window_closed)
        spec.on_window_closed();
    if (follower)
    {
        follower->stop();
        row.blocks_seen = follower->blocks_seen();
        row.receipts_fallback = follower->used_fallback();
        row.follower_errors = follower->errors();
        row.follower_error = follower->last_error();
    }
    if (failure)
        std::rethrow_exception(failure);
    row.pending_cap = pending_cap == UINT64_MAX ? 0 : pending_cap;
    row.send_seconds = seconds_between(start, last_answer);
    row.wall_seconds = writes ? seconds_between(start, last_inclusion) : row.send_seconds;
    if (!writes)
        return row;
    if (!live && row.node_lost)
    {
        // The node is gone: its receipts with it. In a block, status unknown: included.
        row.ledger.included += row.ledger.in_block;
        row.ledger.in_block = 0;
    }
    else if (!live)
    {
        const auto receipts_start = Clock::now();
        const DeferredReceipts read =
            read_deferred_receipts(spec.rpc, *spec.operation, follower->log(), ours, row.ledger, row.parts, spec.stop);
        row.receipts_seconds = seconds_between(receipts_start, Clock::now());
        row.receipts_read = read.receipts_read;
        row.receipts_missing = read.receipts_missing;
        row.receipts_sampled = read.sampled;
        row.receipts_fallback = row.receipts_fallback || read.fallback;
        row.follower_errors += read.errors;
        if (read.last_error)
            row.follower_error = read.last_error;
    }
    const std::vector<BlockSighting>& seen = follower->sightings();
    std::vector<BlockTally> tallies;
    tallies.reserve(seen.size());
    for (const BlockSighting& block : seen)
    {
        BlockTally tally{.number = block.number, .seen_at = block.seen_at};
        if (const auto it = ours.find(block.number); it != ours.end())
        {
            tally.ours = it->second.ours;
            tally.succeeded = it->second.succeeded;
        }
        tallies.push_back(tally);
    }
    row.steady = steady_window(tallies, drain_start);
    if (drain_start != Clock::time_point::max() && !tallies.empty())
    {
        // The last block seen before the drain began; the one before the first seen when it
        // began before any.
        row.drain_block = tallies.front().number - 1;
        for (const BlockTally& tally : tallies)
            if (tally.seen_at < drain_start)
                row.drain_block = tally.number;
    }
    if (spec.finality.fraction > 0 && !row.node_lost && (spec.stop == nullptr || !spec.stop->load()))
    {
        std::vector<BlockCount> blocks;
        blocks.reserve(ours.size());
        for (const BlockTally& tally : tallies)
            if (tally.ours > 0)
                blocks.push_back({tally.number, tally.ours, tally.seen_at});
        row.finality = follow_finality(
            spec.rpc, sample_for_stages(blocks, spec.finality.fraction, spec.finality.max_samples), spec.finality,
            spec.stop);
    }
    row.tallies = std::move(tallies);
    return row;
}

}  // namespace zkload::engine
