// SPDX-License-Identifier: Apache-2.0
#include "engine/receipts.hpp"

#include <nlohmann/json.hpp>

namespace zkload::engine {
namespace {

constexpr size_t kReceiptBatch = 256;

IncludedTxn parse_receipt(const nlohmann::json& receipt)
{
    IncludedTxn txn;
    txn.hash = parse_hash(receipt.at("transactionHash").get<std::string>());
    const auto status = receipt.find("status");
    txn.success = status != receipt.end() && status->is_string() && parse_quantity(status->get<std::string>()) == 1;
    const auto gas = receipt.find("gasUsed");
    if (gas != receipt.end() && gas->is_string())
        txn.gas_used = parse_quantity(gas->get<std::string>()).value_or(0);
    return txn;
}

}  // namespace

std::vector<IncludedTxn> ReceiptReader::read(rpc::Client& client, uint64_t block_number, const std::vector<Hash>& hashes)
{
    std::vector<IncludedTxn> txns;
    if (!fallback_.load())
    {
        rpc::Reply reply = client.call("eth_getBlockReceipts", nlohmann::json::array({to_quantity(block_number)}));
        if (reply.ok() && reply.result.is_array())
        {
            for (const auto& receipt : reply.result)
                txns.push_back(parse_receipt(receipt));
            return txns;
        }
        if (reply.ok() || reply.error->error_class != rpc::ErrorClass::rpc)
            throw rpc::RpcException(reply.ok() ? rpc::make_bad_response("eth_getBlockReceipts did not return a list",
                                                                        reply.result.dump())
                                               : *reply.error);
        fallback_ = true;  // the node lacks the method: receipts one by one (batched) from here on
    }
    for (size_t first = 0; first < hashes.size(); first += kReceiptBatch)
    {
        std::vector<rpc::Call> calls;
        for (size_t i = first; i < std::min(hashes.size(), first + kReceiptBatch); ++i)
            calls.emplace_back("eth_getTransactionReceipt", nlohmann::json::array({to_hex(hashes[i])}));
        for (rpc::Reply& reply : client.batch(calls))
        {
            if (!reply.ok())
                throw rpc::RpcException(*reply.error);
            if (!reply.result.is_null())
                txns.push_back(parse_receipt(reply.result));
        }
    }
    return txns;
}

}  // namespace zkload::engine
