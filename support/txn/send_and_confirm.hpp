// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"
#include "txn/txn.hpp"

#include <chrono>
#include <span>
#include <stdexcept>
#include <vector>

namespace zkload {

/// A transaction the node refused, that reverted, or that was not included in time. The message
/// names the transaction hash and the cause.
class SendError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Signed transactions grouped by sender: each inner vector is one sender's, in nonce order.
using TxnsBySender = std::vector<std::vector<SignedTxn>>;

/// Sends signed transactions and waits until every one has a receipt. They go in rounds: round k
/// carries the k-th transaction of every sender that has one, in JSON-RPC batches (at most
/// `batch_size` calls, or 512 KB, per HTTP request), and starts only once round k − 1 was
/// answered. So the node has taken a sender's nonce n before it sees n + 1, also where it runs
/// a batch's calls concurrently and queues or forgets a nonce that came early. Receipts are
/// polled in batches too and returned sender by sender, in nonce order. Throws SendError on the
/// first refusal (nothing after it in that batch is trusted), on a receipt with status 0, or
/// when `timeout` passes. Setup work (funding, deploying) uses this; the timed load rows use the
/// engine instead. `mine_block` (dev nodes only) asks for a block right after sending
/// (evm_mine) instead of waiting for the next one.
std::vector<nlohmann::json> send_and_confirm(rpc::Client& client,
                                             std::span<const std::vector<SignedTxn>> by_sender,
                                             std::chrono::milliseconds timeout,
                                             size_t batch_size = 500,
                                             bool mine_block = false);

/// One transaction, sent and confirmed as above; returns its receipt.
nlohmann::json send_and_confirm_one(rpc::Client& client,
                                    const SignedTxn& txn,
                                    std::chrono::milliseconds timeout,
                                    bool mine_block = false);

}  // namespace zkload
