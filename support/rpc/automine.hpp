// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

#include <string_view>

namespace zkload::rpc {

/// Whether the node is a dev node in automine mode (anvil_getAutomine or hardhat_getAutomine
/// answers true): it mines a block when transactions arrive rather than on a clock. Other nodes
/// answer the methods with an error: false. One HTTP request.
bool automines(Client& client);

/// anvil in automine mode, by its client version and automine(): under concurrent sends it leaves
/// ready transactions unmined until more arrive (foundry-rs/foundry#10122; 18,419 of a row's
/// 20,000 transfers in one run on anvil 1.7.1), so a write row would count them lost.
bool is_automining_anvil(Client& client);

/// Why a write row does not run on such a node, and what to do instead.
inline constexpr std::string_view kAutomineRefusal =
    "the node is anvil in automine mode: it mines only when transactions arrive and, under "
    "concurrent sends, leaves some ready but unmined (foundry-rs/foundry#10122), which a write row "
    "would count lost; start anvil with --block-time 1 (or call evm_setIntervalMining), or leave "
    "out --rpc-url to use the embedded devnet";

}  // namespace zkload::rpc
