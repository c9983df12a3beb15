// SPDX-License-Identifier: Apache-2.0
#include "send_and_confirm.hpp"

#include <thread>

namespace zkload {
namespace {

void send_all(rpc::Client& client, std::span<const SignedTxn> txns, size_t batch_size)
{
    for (size_t begin = 0; begin < txns.size(); begin += batch_size)
    {
        const size_t end = std::min(txns.size(), begin + batch_size);
        std::vector<rpc::Call> calls;
        calls.reserve(end - begin);
        for (size_t i = begin; i < end; ++i)
            calls.emplace_back("eth_sendRawTransaction", nlohmann::json::array({to_hex(txns[i].raw)}));
        const std::vector<rpc::Reply> replies = client.batch(calls);
        for (size_t i = 0; i < replies.size(); ++i)
        {
            const SignedTxn& txn = txns[begin + i];
            if (!replies[i].ok())
                throw SendError("transaction " + to_hex(txn.hash) +
                                " refused: " + replies[i].error->describe());
            if (replies[i].result != to_hex(txn.hash))
                throw SendError("node returned hash " + replies[i].result.dump() + " for " +
                                to_hex(txn.hash) + ": the encoding differs from the node's");
        }
    }
}

}  // namespace

std::vector<nlohmann::json> send_and_confirm(rpc::Client& client,
                                             std::span<const SignedTxn> txns,
                                             std::chrono::milliseconds timeout,
                                             size_t batch_size)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    send_all(client, txns, batch_size);

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
