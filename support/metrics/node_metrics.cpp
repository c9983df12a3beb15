// SPDX-License-Identifier: Apache-2.0
#include "metrics/node_metrics.hpp"

#include <string>

namespace zkload::metrics {
namespace {

/// A counter under its exposed name, or with the `_total` suffix OpenMetrics encoders add.
std::optional<double> counter(const Exposition& scrape,
                              const std::string& name,
                              const std::vector<Label>& match = {})
{
    if (auto value = scrape.sum(name, match))
        return value;
    return scrape.sum(name + "_total", match);
}

std::optional<double> delta(const std::optional<double>& before, const std::optional<double>& after)
{
    if (!before || !after || *after < *before)
        return std::nullopt;
    return *after - *before;
}

}  // namespace

NodeMetricsSnapshot node_snapshot(const Exposition& scrape,
                                  std::chrono::steady_clock::time_point taken_at)
{
    return {.taken_at = taken_at,
            .mempool_added = counter(scrape, "server_processed_txs", {{"stage", "mempool_added"}}),
            .state_keeper_processed =
                counter(scrape, "server_processed_txs", {{"stage", "state_keeper"}}),
            .mempool_l2_size = scrape.sum("server_state_keeper_mempool_l2_size"),
            .web3_call_seconds_sum = scrape.sum("api_web3_call_sum"),
            .web3_call_count = scrape.sum("api_web3_call_count")};
}

NodeMetricsRates node_rates(const NodeMetricsSnapshot& before, const NodeMetricsSnapshot& after)
{
    const double seconds = std::chrono::duration<double>(after.taken_at - before.taken_at).count();
    auto per_second = [seconds](const std::optional<double>& count) -> std::optional<double> {
        if (!count || seconds <= 0)
            return std::nullopt;
        return *count / seconds;
    };
    NodeMetricsRates rates{
        .mempool_added_per_s = per_second(delta(before.mempool_added, after.mempool_added)),
        .processed_per_s =
            per_second(delta(before.state_keeper_processed, after.state_keeper_processed)),
        .mempool_size = after.mempool_l2_size,
        .web3_calls_per_s = per_second(delta(before.web3_call_count, after.web3_call_count))};
    const auto calls = delta(before.web3_call_count, after.web3_call_count);
    const auto call_seconds = delta(before.web3_call_seconds_sum, after.web3_call_seconds_sum);
    if (calls && call_seconds && *calls > 0)
        rates.web3_call_mean_ms = 1000.0 * *call_seconds / *calls;
    return rates;
}

}  // namespace zkload::metrics
