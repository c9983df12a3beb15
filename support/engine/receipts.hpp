// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "rpc/client.hpp"

#include <atomic>
#include <cstdint>
#include <vector>

namespace zkload::engine {

/// A transaction as its receipt shows it.
struct IncludedTxn
{
    Hash hash{};
    bool success = false;
    uint64_t gas_used = 0;
};

/// Reads the receipts of a block's transactions: eth_getBlockReceipts, or, on a node that lacks
/// it (remembered after the first "method not found"), batched eth_getTransactionReceipt for
/// `hashes`. Transactions without a receipt are left out. Throws rpc::RpcException on failure.
/// Safe to share between threads (the fallback flag is atomic).
class ReceiptReader
{
public:
    std::vector<IncludedTxn> read(rpc::Client& client, uint64_t block_number, const std::vector<Hash>& hashes);
    bool used_fallback() const noexcept { return fallback_.load(); }

private:
    std::atomic<bool> fallback_{false};
};

}  // namespace zkload::engine
