// SPDX-License-Identifier: Apache-2.0
#include "engine/row.hpp"

#include "engine/block_follower.hpp"
#include "engine/load_thread.hpp"

#include <future>
#include <stdexcept>
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

RowResult run_row(const RowSpec& spec)
{
    if (spec.operation == nullptr || spec.shards.empty())
        throw std::invalid_argument("a row needs an operation and at least one wallet shard");
    if (!spec.cpus.empty() && spec.cpus.size() != spec.shards.size())
        throw std::invalid_argument("a pinned row needs one cpu per thread");
    const double cpu_before = process_cpu_seconds();
    const bool writes = spec.operation->is_write();
    std::optional<BlockFollower> follower;
    if (writes)
    {
        follower.emplace(spec.rpc, spec.block_poll);
        follower->start();
    }
    const size_t threads = spec.shards.size();
    // Every thread signs its first transactions, then all start at the same moment.
    const auto start = Clock::now() + std::chrono::milliseconds(50 + 10 * threads);
    std::vector<std::future<ThreadResult>> running;
    for (size_t i = 0; i < threads; ++i)
    {
        ThreadInput input{.config = &spec.driver,
                          .operation = spec.operation,
                          .wallets = spec.shards[i].wallets,
                          .nonces = spec.shards[i].nonces,
                          .rpc = spec.rpc,
                          .blocks = writes ? &follower->log() : nullptr,
                          .outcomes = writes ? &follower->outcomes() : nullptr,
                          .start = start,
                          .operations = spec.driver.operations == 0 ? 0 : share(spec.driver.operations, threads, i),
                          .rate_per_s = spec.driver.rate_per_s / static_cast<double>(threads),
                          .concurrency = share(spec.driver.concurrency, threads, i),
                          .seed = spec.driver.seed + i,
                          .cpu = spec.cpus.empty() ? std::nullopt : std::optional<unsigned>(spec.cpus[i]),
                          .stop = spec.stop};
        running.push_back(std::async(std::launch::async, run_load_thread, std::move(input)));
    }
    RowResult row;
    Clock::time_point last_answer = start, last_inclusion = start;
    std::exception_ptr failure;
    for (auto& thread : running)
    {
        try
        {
            ThreadResult part = thread.get();
            row.ledger.merge(part.ledger);
            row.ack.merge(part.ack);
            row.inclusion.merge(part.inclusion);
            last_answer = std::max(last_answer, part.last_answer);
            last_inclusion = std::max(last_inclusion, part.last_inclusion);
            row.bindings.push_back(part.binding);
            if (part.node_lost && !row.node_lost)
                row.node_lost = std::move(part.node_lost);
        }
        catch (...)
        {
            failure = std::current_exception();
        }
    }
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
    row.send_seconds = seconds_between(start, last_answer);
    row.wall_seconds = writes ? seconds_between(start, last_inclusion) : row.send_seconds;
    row.cpu_seconds = process_cpu_seconds() - cpu_before;
    return row;
}

}  // namespace zkload::engine
