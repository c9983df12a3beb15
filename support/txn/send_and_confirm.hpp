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

struct SendOptions
{
    /// JSON-RPC calls per HTTP request (a request is also cut at 512 KB).
    size_t batch_size = 500;
    /// How many of a sender's consecutive nonces one round carries: 1, unless the node is known
    /// to keep a nonce that comes early (zkSync Era keeps up to max_nonce_ahead, 50, ahead).
    size_t nonces_per_round = 1;
    /// Dev nodes only: ask for a block right after sending (evm_mine) instead of waiting for the
    /// next one.
    bool mine_block = false;
};

/// Sends signed transactions and waits until every one has a receipt. They go in rounds: round k
/// carries every sender's k-th part (`nonces_per_round` of its transactions, in nonce order), in
/// JSON-RPC batches, and starts only once round k − 1 was answered. With one nonce per round the
/// node has taken a sender's nonce n before it sees n + 1, also where it runs a batch's calls
/// concurrently and queues or forgets a nonce that came early. Receipts are polled in batches
/// too and returned sender by sender, in nonce order. Throws SendError on the first refusal
/// (nothing after it in that batch is trusted), on a receipt with status 0, or when `timeout`
/// passes. Setup work (funding, deploying) uses this; the timed load rows use the engine instead.
std::vector<nlohmann::json> send_and_confirm(rpc::Client& client,
                                             std::span<const std::vector<SignedTxn>> by_sender,
                                             std::chrono::milliseconds timeout,
                                             const SendOptions& options = {});

/// One transaction, sent and confirmed as above; returns its receipt.
nlohmann::json send_and_confirm_one(rpc::Client& client,
                                    const SignedTxn& txn,
                                    std::chrono::milliseconds timeout,
                                    bool mine_block = false);

}  // namespace zkload
