// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <random>

namespace zkload::engine {

/// How a row offers load. Closed loop keeps `concurrency` operations awaiting the node's answer
/// (latency from the actual send); open loop starts operations at a fixed `rate` regardless of
/// answers (latency from the intended start, so queueing delay is never hidden — wrk2).
struct DriverConfig
{
    enum class Mode
    {
        closed,
        open,
    };
    Mode mode = Mode::closed;
    /// Closed loop: operations awaiting an answer, over all threads.
    uint64_t concurrency = 1;
    /// Open loop: operations started per second, over all threads; exponential gaps if poisson.
    double rate_per_s = 0;
    bool poisson = false;
    uint64_t seed = 1;
    /// Length of the row: a number of operations over all threads, or else a duration.
    uint64_t operations = 0;
    std::chrono::milliseconds duration{0};
    /// Blocks of steady state a row runs for when it has neither `operations` nor `duration`:
    /// sending stops once the block `steady_blocks` after the first block holding one of the
    /// row's transactions has been seen (bounded by `max_duration`).
    uint64_t steady_blocks = 20;
    /// Upper bound of a row measured in blocks (a node that includes nothing ends it here).
    std::chrono::milliseconds max_duration{300'000};
    /// Transactions per JSON-RPC request (a batch when > 1). A wallet appears at most once in a
    /// request, so a batch never carries two nonces of one wallet.
    uint64_t batch = 1;
    /// HTTP requests in flight per thread (one connection each).
    uint64_t max_requests_per_thread = 2048;
    /// Transactions of one wallet sent but not yet in a block: where it starts, and whether it
    /// shrinks when the node refuses a wallet for having too many (see pending_cap.hpp).
    uint64_t max_pending_per_wallet = 16;
    bool adapt_pending_cap = false;
    /// An accepted transaction not in a block this long after its first answer counts as lost.
    std::chrono::milliseconds inclusion_timeout{60'000};
    /// An accepted transaction not in a block this long after it was (re)sent is sent again with
    /// the same bytes; zero: 3 block intervals as the block follower observes them, and only
    /// once the node has sealed 3 blocks without it and passed it over (included one of ours
    /// accepted later, or sealed a block with none of ours): a stalled node, or one working
    /// through a backlog of full blocks in order, is not flooded.
    std::chrono::milliseconds rebroadcast_after{0};
    /// Receipts (status, gas) read while the row runs (live) or once its window has closed
    /// (deferred: the node spends nothing on them while it is measured).
    enum class Receipts
    {
        deferred,
        live,
    };
    Receipts receipts = Receipts::deferred;
    /// Transactions signed before the row's start, over all threads, so that its timed window
    /// signs none until they run out (then each thread signs as it sends): `presign`, plus
    /// enough for `presign_per_s` over the row's expected length (its duration, else
    /// `steady_blocks` + 3 block intervals as the block follower estimates them); never more
    /// than `operations` when that is set, nor `presign_cap`. Their CPU is reported apart
    /// (presign_us_per_tx).
    uint64_t presign = 0;
    double presign_per_s = 0;
    uint64_t presign_cap = UINT64_MAX;
    /// A row with `operations` still ends `steady_blocks` after its first block: operations are
    /// only the most it sends (the ceiling row). Otherwise a row with `operations` sends them all.
    bool steady_with_operations = false;
    /// Open loop: a start more than this after its intended time counts as late (at least the
    /// thread's gap between starts).
    std::chrono::microseconds late_after{1000};
};

/// How long an open loop holds a due start so that the next ones share its request: the time a
/// batch takes to fill at this gap between starts, at most half the lateness allowance (a held
/// start is never late for it); zero with one transaction a request, or when the next start would
/// not come within the hold.
inline std::chrono::nanoseconds open_loop_hold(std::chrono::nanoseconds gap, uint64_t batch,
                                               std::chrono::nanoseconds late_after)
{
    const auto fill = gap * static_cast<int64_t>(batch > 1 ? batch - 1 : 0);
    const auto hold = std::min(fill, late_after / 2);
    return gap > hold ? std::chrono::nanoseconds::zero() : hold;
}

/// Open loop's intended start times for one thread: start + k / rate, or Poisson arrivals.
class Schedule
{
public:
    Schedule(std::chrono::steady_clock::time_point start, double rate_per_s, bool poisson, uint64_t seed)
        : start_(start), next_(start), mean_gap_ns_(1e9 / rate_per_s), poisson_(poisson), random_(seed), gap_(1.0)
    {
    }

    std::chrono::steady_clock::time_point next() const { return next_; }
    std::chrono::nanoseconds mean_gap() const { return std::chrono::nanoseconds(static_cast<int64_t>(mean_gap_ns_)); }

    /// Moves to the next start: start + k·gap computed afresh (no drift from adding rounded
    /// gaps), or the previous start plus an exponential gap.
    void advance()
    {
        ++index_;
        if (!poisson_)
        {
            next_ = start_ + std::chrono::nanoseconds(std::llround(static_cast<double>(index_) * mean_gap_ns_));
            return;
        }
        elapsed_ns_ += gap_(random_) * mean_gap_ns_;
        next_ = start_ + std::chrono::nanoseconds(std::llround(elapsed_ns_));
    }

private:
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point next_;
    double mean_gap_ns_;
    uint64_t index_ = 0;
    double elapsed_ns_ = 0;
    bool poisson_;
    std::mt19937_64 random_;
    std::exponential_distribution<double> gap_;
};

}  // namespace zkload::engine
