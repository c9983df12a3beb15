// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "zksync/chain_txn.hpp"

namespace zkload::zksync {

/// The canonical L2 transaction hash of the priority request in an L1 receipt: the second data
/// word of the NewPriorityRequest log that `diamond_proxy` emitted. Throws BridgeError(rpc) when
/// the receipt holds no such log (wrong diamond proxy, or not a request at all).
Hash l2_hash_from_l1_receipt(const nlohmann::json& receipt, const Address& diamond_proxy);

/// Waits for the L2 receipt of a priority operation (or any L2 transaction). Throws
/// BridgeError(timeout) past the deadline and BridgeError(reverted) for status 0: a failed
/// deposit still consumes its priority operation, and its value goes to the refund recipient.
nlohmann::json await_l2_receipt(rpc::Client& l2, const Hash& l2_hash, const Patience& patience,
                                std::string_view what);

}  // namespace zkload::zksync
