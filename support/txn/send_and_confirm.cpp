// SPDX-License-Identifier: Apache-2.0
#include "txn/send_and_confirm.hpp"

#include <thread>

namespace zkload {
namespace {

/// Nodes cap the size of one HTTP request (anvil refuses a few MB with -32600), and funding
/// transactions carry ~16 KB of calldata each: batches are cut by bytes as well as by count.
constexpr size_t kMaxBatchBytes = 512 * 1024;

void send_batch(rpc::Client& client, std::span<const SignedTxn> txns)
{
    std::vector<rpc::Call> calls;
    calls.reserve(txns.size());
    for (const SignedTxn& txn : txns)
        calls.emplace_back("eth_sendRawTransaction", nlohmann::json::array({to_hex(txn.raw)}));
    const std::vector<rpc::Reply> replies = client.batch(calls);
    for (size_t i = 0; i < replies.size(); ++i)
    {
        if (!replies[i].ok())
            throw SendError("transaction " + to_hex(txns[i].hash) +
                            " refused: " + replies[i].error->describe());
        if (replies[i].result != to_hex(txns[i].hash))
            throw SendError("node returned hash " + replies[i].result.dump() + " for " +
                            to_hex(txns[i].hash) + ": the encoding differs from the node's");
    }
}

void send_all(rpc::Client& client, std::span<const SignedTxn> txns, size_t batch_size)
{
    size_t begin = 0;
    while (begin < txns.size())
    {
        size_t end = begin;
        size_t bytes = 0;
        while (end < txns.size() && end - begin < batch_size &&
               (end == begin || bytes + 2 * txns[end].raw.size() <= kMaxBatchBytes))
            bytes += 2 * txns[end++].raw.size() + 64;
        send_batch(client, txns.subspan(begin, end - begin));
        begin = end;
    }
}

}  // namespace

std::vector<nlohmann::json> send_and_confirm(rpc::Client& client,
                                             std::span<const SignedTxn> txns,
                                             std::chrono::milliseconds timeout,
                                             size_t batch_size,
                                             bool mine_block)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    send_all(client, txns, batch_size);
    if (mine_block)
        client.call("evm_mine");

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
                               nlohmann::json::array({to_hex(txns[i].hash)}));
            asked.push_back(i);
        }
        const std::vector<rpc::Reply> replies = client.batch(calls);
        for (size_t k = 0; k < replies.size(); ++k)
        {
            if (!replies[k].ok())
                throw SendError("receipt of " + to_hex(txns[asked[k]].hash) +
                                ": " + replies[k].error->describe());
            if (replies[k].result.is_null())
                continue;
            if (!replies[k].result.is_object())
                throw SendError("receipt of " + to_hex(txns[asked[k]].hash) + " is not an object: " +
                                rpc::excerpt(replies[k].result.dump()));
            if (replies[k].result.value("status", "0x1") != "0x1")
                throw SendError("transaction " + to_hex(txns[asked[k]].hash) + " reverted");
            receipts[asked[k]] = replies[k].result;
        }
        while (first_missing < txns.size() && !receipts[first_missing].is_null())
            ++first_missing;
        if (first_missing == txns.size())
            break;
        if (std::chrono::steady_clock::now() > deadline)
            throw SendError("transaction " + to_hex(txns[first_missing].hash) +
                            " not included within " + std::to_string(timeout.count()) + " ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return receipts;
}

}  // namespace zkload
