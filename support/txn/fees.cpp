// SPDX-License-Identifier: Apache-2.0
#include "txn/fees.hpp"

namespace zkload {

Fees current_fees(rpc::Client& client)
{
    const nlohmann::json block =
        client.call_or_throw("eth_getBlockByNumber", nlohmann::json::array({"latest", false}));
    Fees fees;
    const nlohmann::json base = block.is_object() && block.contains("baseFeePerGas")
                                    ? block["baseFeePerGas"]
                                    : client.call_or_throw("eth_gasPrice");
    if (!base.is_string())
        throw rpc::RpcException(rpc::make_bad_response("latest base fee / eth_gasPrice is not a quantity",
                                                       base.dump()));
    fees.base_fee = parse_u256(base.get<std::string>());
    const rpc::Reply tip = client.call("eth_maxPriorityFeePerGas");
    fees.max_priority_fee_per_gas =
        tip.ok() && tip.result.is_string() ? parse_u256(tip.result.get<std::string>()) : U256(0);
    fees.max_fee_per_gas = fees.base_fee * 2 + fees.max_priority_fee_per_gas;
    return fees;
}

}  // namespace zkload
