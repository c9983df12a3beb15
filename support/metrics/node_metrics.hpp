// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "metrics/prometheus_text.hpp"

#include <chrono>
#include <optional>

namespace zkload::metrics {

/// The zkSync Era server series zkload reads from a scrape (names as the server's vise exporter
/// writes them; a counter is also found with the `_total` suffix that other exporters add):
///  - `server_processed_txs{stage="mempool_added"}` / `{stage="state_keeper"}`: counters of
///    transactions accepted into the mempool and executed by the state keeper (input and
///    processing TPS);
///  - `server_state_keeper_mempool_l2_size`: gauge, L2 transactions waiting in the mempool;
///  - `api_web3_call` histogram (seconds, label `method`): `_sum` and `_count` over all methods.
/// A series the node does not expose stays nullopt.
struct NodeMetricsSnapshot
{
    std::chrono::steady_clock::time_point taken_at{};
    std::optional<double> mempool_added;
    std::optional<double> state_keeper_processed;
    std::optional<double> mempool_l2_size;
    std::optional<double> web3_call_seconds_sum;
    std::optional<double> web3_call_count;
};

/// Picks the series above out of one parsed scrape taken at `taken_at`.
NodeMetricsSnapshot node_snapshot(const Exposition& scrape,
                                  std::chrono::steady_clock::time_point taken_at);

/// What the node did between two scrapes; a field is nullopt when either scrape lacks the series
/// (or, for the mean latency, when no call was made in between).
struct NodeMetricsRates
{
    std::optional<double> mempool_added_per_s;
    std::optional<double> processed_per_s;
    std::optional<double> mempool_size;  // the gauge at the second scrape
    std::optional<double> web3_calls_per_s;
    std::optional<double> web3_call_mean_ms;
};

/// Rates from the counter deltas over the time between the scrapes. A counter that went down
/// (the node restarted) gives no rate rather than a negative one.
NodeMetricsRates node_rates(const NodeMetricsSnapshot& before, const NodeMetricsSnapshot& after);

}  // namespace zkload::metrics
