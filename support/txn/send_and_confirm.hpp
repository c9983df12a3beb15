// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "txn/txn.hpp"

#include <chrono>
#include <span>
#include <stdexcept>

namespace zkload {

/// A transaction the node refused, that reverted, or that was not included in time. The message
/// names the transaction hash and the cause.
class SendError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Sends signed transactions in JSON-RPC batches (one HTTP request per `batch_size`) and waits
/// until every one has a receipt, polling receipts in batches too. Returns the receipts in
/// order. Throws SendError on the first refusal (nothing after it in that batch is trusted),
/// on a receipt with status 0, or when `timeout` passes. Setup work (funding, deploying) uses
/// this; the timed load rows use the engine instead. `mine_block` (dev nodes only) asks for a
/// block right after sending (evm_mine) instead of waiting for the next one.
std::vector<nlohmann::json> send_and_confirm(rpc::Client& client,
                                             std::span<const SignedTxn> txns,
                                             std::chrono::milliseconds timeout,
                                             size_t batch_size = 500,
                                             bool mine_block = false);

}  // namespace zkload
