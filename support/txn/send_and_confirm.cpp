// SPDX-License-Identifier: Apache-2.0
#include "txn/send_and_confirm.hpp"

#include "rpc/automine.hpp"

#include <algorithm>
#include <optional>
#include <thread>

namespace zkload {
namespace {

/// Nodes cap the size of one HTTP request (anvil refuses a few MB with -32600), and funding
/// transactions carry ~16 KB of calldata each: batches are cut by bytes as well as by count.
constexpr size_t kMaxBatchBytes = 512 * 1024;

using TxnRefs = std::vector<const SignedTxn*>;

void send_batch(rpc::Client& client, std::span<const SignedTxn* const> txns)
{
    std::vector<rpc::Call> calls;
    calls.reserve(txns.size());
    for (const SignedTxn* txn : txns)
        calls.emplace_back("eth_sendRawTransaction", nlohmann::json::array({to_hex(txn->raw)}));
    const std::vector<rpc::Reply> replies = client.batch(calls);
    for (size_t i = 0; i < replies.size(); ++i)
    {
        if (!replies[i].ok())
            throw SendError("transaction " + to_hex(txns[i]->hash) +
                            " refused: " + replies[i].error->describe());
        if (replies[i].result != to_hex(txns[i]->hash))
            throw SendError("node returned hash " + replies[i].result.dump() + " for " +
                            to_hex(txns[i]->hash) + ": the encoding differs from the node's");
    }
}

/// One round: every batch answered before this returns.
void send_round(rpc::Client& client, std::span<const SignedTxn* const> txns, size_t batch_size)
{
    size_t begin = 0;
    while (begin < txns.size())
    {
        size_t end = begin;
        size_t bytes = 0;
        while (end < txns.size() && end - begin < batch_size &&
               (end == begin || bytes + 2 * txns[end]->raw.size() <= kMaxBatchBytes))
            bytes += 2 * txns[end++]->raw.size() + 64;
        send_batch(client, txns.subspan(begin, end - begin));
        begin = end;
    }
}

void send_in_rounds(rpc::Client& client, std::span<const std::vector<SignedTxn>> by_sender, const SendOptions& options)
{
    const size_t per_round = std::max<size_t>(1, options.nonces_per_round);
    size_t longest = 0;
    for (const std::vector<SignedTxn>& txns : by_sender)
        longest = std::max(longest, txns.size());
    TxnRefs round;
    for (size_t begin = 0; begin < longest; begin += per_round)
    {
        round.clear();
        for (const std::vector<SignedTxn>& txns : by_sender)
            for (size_t i = begin; i < txns.size() && i < begin + per_round; ++i)
                round.push_back(&txns[i]);
        send_round(client, round, options.batch_size);
    }
}

/// Polls receipts of `txns` until each has one; receipts in the same order. After a poll that
/// finds one missing, an automining dev node is asked for a block (evm_mine): it mines only when
/// transactions arrive, and leaves ready ones unmined until more do (a sweep of 10,000 transfers
/// to a 30M-gas anvil left ~9,850 so).
std::vector<nlohmann::json> wait_for_receipts(rpc::Client& client,
                                              const TxnRefs& txns,
                                              std::chrono::steady_clock::time_point deadline,
                                              std::chrono::milliseconds timeout,
                                              size_t batch_size)
{
    std::optional<bool> automine;  // asked once, when a poll first finds a receipt missing
    std::vector<nlohmann::json> receipts(txns.size());
    size_t first_missing = 0;
    while (first_missing < txns.size())
    {
        std::vector<rpc::Call> calls;
        std::vector<size_t> asked;
        for (size_t i = first_missing; i < txns.size() && calls.size() < batch_size; ++i)
        {
            if (!receipts[i].is_null())
                continue;
            calls.emplace_back("eth_getTransactionReceipt",
                               nlohmann::json::array({to_hex(txns[i]->hash)}));
            asked.push_back(i);
        }
        const std::vector<rpc::Reply> replies = client.batch(calls);
        for (size_t k = 0; k < replies.size(); ++k)
        {
            const auto hash = [&] { return to_hex(txns[asked[k]]->hash); };  // for errors only
            if (!replies[k].ok())
                throw SendError("receipt of " + hash() + ": " + replies[k].error->describe());
            if (replies[k].result.is_null())
                continue;
            if (!replies[k].result.is_object())
                throw SendError("receipt of " + hash() + " is not an object: " +
                                rpc::excerpt(replies[k].result.dump()));
            if (replies[k].result.value("status", "0x1") != "0x1")
                throw SendError("transaction " + hash() + " reverted");
            receipts[asked[k]] = replies[k].result;
        }
        while (first_missing < txns.size() && !receipts[first_missing].is_null())
            ++first_missing;
        if (first_missing == txns.size())
            break;
        if (std::chrono::steady_clock::now() > deadline)
            throw SendError("transaction " + to_hex(txns[first_missing]->hash) +
                            " not included within " + std::to_string(timeout.count()) + " ms");
        if (!automine)
            automine = rpc::automines(client);
        if (*automine)
            client.call("evm_mine");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return receipts;
}

}  // namespace

std::vector<nlohmann::json> send_and_confirm(rpc::Client& client,
                                             std::span<const std::vector<SignedTxn>> by_sender,
                                             std::chrono::milliseconds timeout,
                                             const SendOptions& options)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    send_in_rounds(client, by_sender, options);
    if (options.mine_block)
        client.call("evm_mine");
    TxnRefs in_sender_order;
    for (const std::vector<SignedTxn>& txns : by_sender)
        for (const SignedTxn& txn : txns)
            in_sender_order.push_back(&txn);
    return wait_for_receipts(client, in_sender_order, deadline, timeout, options.batch_size);
}

nlohmann::json send_and_confirm_one(rpc::Client& client,
                                    const SignedTxn& txn,
                                    std::chrono::milliseconds timeout,
                                    bool mine_block)
{
    const TxnsBySender one{{txn}};
    return send_and_confirm(client, one, timeout, {.batch_size = 1, .mine_block = mine_block}).at(0);
}

}  // namespace zkload
