// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

#include <optional>
#include <span>
#include <string>

namespace zkload::pool {

/// Dev nodes (anvil, hardhat, anvil-zksync) can set balances directly: 10,000 wallets take a
/// few JSON-RPC batches instead of thousands of transactions.
///
/// Which balance-setting method the node takes ("anvil_setBalance" or "hardhat_setBalance"),
/// found by trying it once on `probe` with the balance it already has, so nothing changes.
/// nullopt when the node takes neither (a real chain).
std::optional<std::string> detect_set_balance(rpc::Client& client, const Address& probe);

/// Sets every address's ETH balance to `amount` with `method`, in batches.
void set_eth_balances(rpc::Client& client,
                      const std::string& method,
                      std::span<const Address> addresses,
                      const U256& amount,
                      size_t batch_size = 1000);

/// Sets every address's balance of our token (zkload's ERC20, balances in storage slot 0) to
/// `amount` by writing the storage slot (anvil_setStorageAt / hardhat_setStorageAt). The
/// token's totalSupply does not follow: fine for load, and said here so nobody relies on it.
void set_token_balances(rpc::Client& client,
                        const std::string& set_balance_method,
                        const Address& token,
                        std::span<const Address> addresses,
                        const U256& amount,
                        size_t batch_size = 1000);

}  // namespace zkload::pool
