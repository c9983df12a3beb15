// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zksync/discovery.hpp"

#include <string>

// CLI11 costs seconds of compile time per file: only the files that add flags include it.
namespace CLI {
class App;
}

namespace zkload::bench {

/// The bridge rows' flags: the L1 node, how far withdrawals go, how many operations a row
/// makes, and addresses that replace discovery.
struct BridgeFlags
{
    std::string l1_rpc_url;
    std::string finalize = "yes";
    uint64_t operations = 16;
    std::string amount_wei = "1000000000000";
    int64_t stage_timeout_s = 900;
    std::string bridgehub;
    std::string diamond_proxy;
    std::string l1_asset_router;
    std::string l1_native_token_vault;
    std::string l1_nullifier;
    std::string l2_shared_bridge;
    /// Whether the L1 may be a public mainnet: main sets it from the public-chain flag after
    /// parsing, as the bridge rows send real L1 transactions (deposits, finalizations).
    bool allow_public_l1 = false;
};

/// Adds the flags (group "Bridge (deposit_*, withdraw_*)") and remembers `flags` for the rows.
void add_bridge_flags(CLI::App& app, BridgeFlags& flags);

/// The flags add_bridge_flags registered (defaults before that).
const BridgeFlags& bridge_flags();

/// The address flags as discovery overrides; throws std::invalid_argument naming a bad one.
zksync::BridgeOverrides bridge_overrides(const BridgeFlags& flags);

}  // namespace zkload::bench
