// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

#include <span>

namespace zkload::pool {

/// Each sender's transaction count at `tag` ("pending": the nonce it sends next; "latest": what
/// blocks hold), read in JSON-RPC batches.
std::vector<uint64_t> account_nonces(rpc::Client& client,
                                     std::span<const Address> senders,
                                     std::string_view tag,
                                     size_t batch_size = 500);

inline std::vector<uint64_t> pending_nonces(rpc::Client& client, std::span<const Address> senders)
{
    return account_nonces(client, senders, "pending");
}

}  // namespace zkload::pool
