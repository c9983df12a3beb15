// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bridge_flags.hpp"
#include "load_flags.hpp"
#include "node.hpp"
#include "wallet_pool.hpp"

// CLI11 costs seconds of compile time per file: only the files that add flags include it.
namespace CLI {
class App;
}

namespace zkload::bench {

/// Distinct exit codes so scripts can tell a usage mistake from an unreachable node or a
/// funding problem.
enum ExitCode : int
{
    kOk = 0,
    kFailure = 1,
    kUsageError = 2,
    kNodeUnavailable = 3,
    kPoolError = 4,
    kRefusedChain = 5,
    kInterrupted = 130,
};

/// zkload's own flags (Google Benchmark's --benchmark_* sit beside them).
struct Flags
{
    /// The node: --rpc-url, --anvil, --rpc-timeout-ms and the measuring flags bind here;
    /// node_options() adds --devnet-args.
    NodeOptions node;
    std::string devnet_args;
    std::string progress = "auto";
    bool version = false;

    uint64_t wallets = 1000;
    std::string seed{pool::kDefaultSeedName};
    std::string rich_key_file;
    std::string fund_strategy = "auto";
    std::string state_dir;
    std::optional<uint64_t> txs_per_wallet;
    std::string eth_per_wallet;
    uint64_t tokens_per_wallet = 1000;
    bool fund = false;
    bool sweep = false;
    BridgeFlags bridge;
    bool allow_public_chain = false;
    LoadSettings load;
    /// Set from Google Benchmark's --benchmark_out/--benchmark_out_format, not a flag of ours.
    bool json_file_output = false;
    /// --benchmark_enable_random_interleaving (or its environment variable), read before
    /// Google Benchmark consumes it.
    bool random_interleaving = false;
};

void add_flags(CLI::App& app, Flags& flags);

NodeOptions node_options(const Flags& flags);

/// Throws CLI::ValidationError for values CLI11 cannot check by itself (the strategy's name,
/// a wei amount).
PoolSettings pool_settings(const Flags& flags);

}  // namespace zkload::bench
