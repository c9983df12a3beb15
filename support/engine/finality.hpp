// SPDX-License-Identifier: Apache-2.0
// How far a row's transactions got after their block, followed for a sample of them once the row
// is over (outside its time and its node CPU window): on a zkSync chain the L1 stages of the batch
// that holds the block (committed, proven, executed; zks_getBlockDetails), on an EVM chain the
// block tags the node serves (safe, finalized). On zkSync a stage's time runs from the block's
// timestamp to the node's committedAt / provenAt / executedAt (both the node's clock, exact
// whenever it is polled, so polls come ever further apart). On an EVM chain it runs from when the
// row's block follower first saw the block to when a poll first found the tag at or past it (both
// this host's clock), polls coming at most 5% of the time waited apart, so the time is known to
// within 5% (or the first pause, 1 s).
#pragma once

#include "engine/histogram.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <chrono>
#include <span>
#include <string>
#include <vector>

namespace zkload::engine {

struct FinalityOptions
{
    /// Share of the row's transactions followed (0: none), and at most this many of them.
    double fraction = 0;
    uint64_t max_samples = 200;
    /// How long after the row to wait for the samples to reach the last stage.
    std::chrono::milliseconds timeout{0};
    std::chrono::milliseconds poll{1000};
};

/// A block of the row's, how many of its transactions there are, and when the row first saw it.
struct BlockCount
{
    uint64_t block = 0;
    uint64_t transactions = 0;
    std::chrono::steady_clock::time_point seen_at{};

    friend bool operator==(const BlockCount&, const BlockCount&) = default;
};

/// Every k-th of the row's transactions in block order, the first included, k = ceil(1 /
/// fraction), at most `max_samples`; grouped by block (a sampled block and how many sampled
/// transactions it holds). Empty when fraction is 0 or there are none.
std::vector<BlockCount> sample_for_stages(std::span<const BlockCount> blocks, double fraction, uint64_t max_samples);

struct StageFigures
{
    /// "commit", "prove", "execute" (zkSync) or "safe", "finalized" (EVM), in that order.
    std::string name;
    /// Block timestamp → stage, µs, one sample per sampled transaction that reached it.
    Histogram micros;
};

struct FinalityResult
{
    uint64_t samples = 0;
    /// JSON-RPC calls made (a batch counts each call in it).
    uint64_t requests = 0;
    /// The stages the node serves; empty when it serves none (then nothing is reported).
    std::vector<StageFigures> stages;
};

/// Follows the samples until each reached the last stage, `options.timeout` ran out or `stop`
/// was set; polls every options.poll. Node errors end the following early with what was found.
FinalityResult follow_finality(const rpc::ClientOptions& rpc, const std::vector<BlockCount>& samples,
                               const FinalityOptions& options, const std::atomic<bool>* stop);

/// RFC 3339 UTC time ("2024-03-05T10:00:01.25Z", "…+00:00") as seconds since the epoch;
/// nullopt when it is not one.
std::optional<double> parse_utc_seconds(std::string_view text);

}  // namespace zkload::engine
