// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

#include <span>
#include <string_view>

namespace zkload {

/// The contracts a wallet pool can keep on a chain, by the name its state file records each
/// under. A contract the pool should keep is one entry in registry.cpp; the pool, its state file
/// and its funding steps learn nothing else about it.
inline constexpr std::string_view kTokenContract = "token";
inline constexpr std::string_view kMultisendContract = "multisend";

/// What the deployer of the pool's token (kTokenContract) holds after deploying it: 10^9 tokens
/// of 18 decimals.
U256 pool_token_supply();

/// The names registered, in the order a pool deploys them.
std::span<const std::string_view> registered_contracts();

/// Throws std::invalid_argument for a name not registered, naming those that are.
void require_registered(std::string_view name);

/// The data of the transaction that deploys the contract registered as `name` (EVM creation
/// code with its constructor arguments). Throws as require_registered() does.
Bytes registered_creation_code(std::string_view name);

}  // namespace zkload
