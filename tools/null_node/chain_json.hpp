// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "chain_of_hashes.hpp"

#include <cstdint>
#include <string>

namespace zkload::null_node {

/// The figures every null-node transaction shares: each is taken for a plain 21,000-gas ETH
/// transfer that paid a 1 gwei base fee and a 1 gwei tip.
inline constexpr uint64_t kTransferGas = 21'000;
inline constexpr uint64_t kBaseFeeWei = 1'000'000'000;
inline constexpr uint64_t kTipWei = 1'000'000'000;
inline constexpr uint64_t kBlockGasLimit = 1'000'000'000;

/// The block as eth_getBlockByNumber(n, false) returns it: header fields ethers and the load
/// engine read, and the transaction hashes in order.
void append_block(std::string& out, const SealedBlock& block);

/// The receipt of transaction `index` of `block`: status 1, 21,000 gas, no logs, type 2.
void append_receipt(std::string& out, const SealedBlock& block, uint32_t index);

/// Every receipt of the block as a JSON array (eth_getBlockReceipts).
void append_block_receipts(std::string& out, const SealedBlock& block);

}  // namespace zkload::null_node
