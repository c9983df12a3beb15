// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load.hpp"

#include <optional>
#include <string>

// CLI11 costs seconds of compile time per file: only the files that add flags include it.
namespace CLI {
class App;
}

namespace zkload::bench {

/// The load engine's flags: where the generator runs and how long and how hard each row goes.
struct LoadFlags
{
    std::string cpus;
    std::string node_cpus;
    unsigned threads = 1;
    uint64_t txs = 0;
    double duration_s = 0;
    uint64_t steady_blocks = 20;
    std::string rpc_batch = "auto";
    std::string max_pending = "auto";
    std::string presign = "auto";
    uint64_t max_in_flight = 2048;
    double inclusion_timeout_s = 60;
    double rebroadcast_after_s = 0;
    std::string receipts = "deferred";
    int64_t block_poll_ms = 25;
    bool poisson = false;
    double slo_p99_ms = 0;
    double capacity_max_s = 180;
    std::optional<int> node_pid;
    std::string metrics_url;
    std::string zksolc_artifact;
    uint64_t storage_slots = kStorageSlots;
    uint64_t swap_slippage_bps = kSwapSlippageBps;
    uint64_t swap_wei = kSwapWei;
    std::string mix;
};

void add_load_flags(CLI::App& app, LoadFlags& flags);

/// Checks --cpus against the cpus this process may use; throws CLI::ValidationError naming the
/// problem and the allowed list.
LoadSettings load_settings(const LoadFlags& flags);

/// --node-cpus parsed and checked the same way (empty when not given).
std::vector<unsigned> node_cpus(const LoadFlags& flags);

}  // namespace zkload::bench
