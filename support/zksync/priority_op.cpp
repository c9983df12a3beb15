// SPDX-License-Identifier: Apache-2.0
#include "zksync/priority_op.hpp"

#include "abi/abi.hpp"
#include "zksync/constants.hpp"

namespace zkload::zksync {

Hash l2_hash_from_l1_receipt(const nlohmann::json& receipt, const Address& diamond_proxy)
{
    static const std::string kTopic = to_hex(abi::event_topic(kNewPriorityRequestEvent));
    const nlohmann::json logs = receipt.is_object() ? receipt.value("logs", nlohmann::json::array())
                                                    : nlohmann::json::array();
    for (const nlohmann::json& log : logs)
    {
        if (!log.is_object() || !log.contains("topics") || !log["topics"].is_array() ||
            log["topics"].empty() || log["topics"][0] != kTopic ||
            json_address(log, "address", "NewPriorityRequest log") != diamond_proxy)
            continue;
        const auto data = log.value("data", "").empty() ? std::nullopt
                                                        : from_hex(log["data"].get<std::string>());
        if (!data || data->size() < 64)
            throw BridgeError(FailureClass::rpc, "NewPriorityRequest log with short data: " +
                                                     rpc::excerpt(log.dump()));
        Hash out{};
        std::copy(data->begin() + 32, data->begin() + 64, out.begin());
        return out;
    }
    throw BridgeError(FailureClass::rpc, "the L1 receipt " + receipt.value("transactionHash", "?") +
                                             " has no NewPriorityRequest log from " +
                                             to_hex(diamond_proxy));
}

nlohmann::json await_l2_receipt(rpc::Client& l2, const Hash& l2_hash, const Patience& patience,
                                std::string_view what)
{
    nlohmann::json receipt;
    try
    {
        receipt = l2.wait_for_receipt(l2_hash, patience.timeout, patience.poll);
    }
    catch (const rpc::RpcException& e)
    {
        throw BridgeError(e.error_class() == rpc::ErrorClass::timeout ? FailureClass::timeout
                                                                      : FailureClass::rpc,
                          std::string(what) + ": L2 transaction " + to_hex(l2_hash) + ": " + e.what());
    }
    if (receipt.value("status", "0x1") != "0x1")
        throw BridgeError(FailureClass::reverted, std::string(what) + ": L2 transaction " +
                                                      to_hex(l2_hash) + " failed (status 0)");
    return receipt;
}

}  // namespace zkload::zksync
