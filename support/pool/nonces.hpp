// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

#include <span>

namespace zkload::pool {

/// The next nonce of each sender (eth_getTransactionCount "pending"), read in JSON-RPC batches.
std::vector<uint64_t> pending_nonces(rpc::Client& client,
                                     std::span<const Address> senders,
                                     size_t batch_size = 500);

}  // namespace zkload::pool
