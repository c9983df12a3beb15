// SPDX-License-Identifier: Apache-2.0
#include "zksync/row_fees.hpp"

#include <stdexcept>

namespace zkload::zksync {
namespace {

constexpr int64_t kMethodNotFound = -32601;
/// The limit zksync-ethers puts in an estimate's eip712Meta (DEFAULT_GAS_PER_PUBDATA_LIMIT).
constexpr uint64_t kEstimateGasPerPubdata = 50'000;

/// A quantity the node answered, or nullopt when it is not one.
std::optional<U256> quantity(const nlohmann::json& value)
{
    if (!value.is_string())
        return std::nullopt;
    try
    {
        return parse_u256(value.get<std::string>());
    }
    catch (const std::exception&)
    {
        return std::nullopt;
    }
}

U256 fee_field(const nlohmann::json& fee, const char* field)
{
    const std::optional<U256> value = fee.is_object() && fee.contains(field) ? quantity(fee[field]) : std::nullopt;
    if (!value)
        throw std::runtime_error(std::string("zks_estimateFee answered without a usable ") + field + ": " +
                                 rpc::excerpt(fee.dump()));
    return *value;
}

}  // namespace

Eip712Fees eip712_fees(rpc::Client& client, const Address& from, const ContractCall& call,
                       const std::optional<PaymasterParams>& paymaster)
{
    nlohmann::json request = {{"from", to_hex(from)}, {"to", to_hex(call.to)}, {"data", to_hex(call.data)}};
    if (call.value != 0)
        request["value"] = to_quantity(call.value);
    if (paymaster)
    {
        // As zksync-ethers asks: a 0x71 call whose byte fields are arrays of byte values (Vec<u8>).
        request["type"] = to_quantity(uint64_t{0x71});
        request["eip712Meta"] = {
            {"gasPerPubdata", to_quantity(kEstimateGasPerPubdata)},
            {"paymasterParams",
             {{"paymaster", to_hex(paymaster->paymaster)},
              {"paymasterInput", std::vector<int>(paymaster->input.begin(), paymaster->input.end())}}}};
    }
    const rpc::Reply reply = client.call("zks_estimateFee", nlohmann::json::array({request}));
    if (!reply.ok())
        throw std::runtime_error("the node refused zks_estimateFee for the row's transaction: " +
                                 reply.error->describe());
    Eip712Fees fees{.max_fee_per_gas = fee_field(reply.result, "max_fee_per_gas"),
                    .max_priority_fee_per_gas = fee_field(reply.result, "max_priority_fee_per_gas"),
                    .gas_per_pubdata = fee_field(reply.result, "gas_per_pubdata_limit")};
    const rpc::Reply price = client.call("zks_gasPerPubdata", nlohmann::json::array());
    if (price.ok())
    {
        const std::optional<U256> now = quantity(price.result);
        if (!now)
            throw std::runtime_error("zks_gasPerPubdata answered no quantity: " + rpc::excerpt(price.result.dump()));
        fees.gas_per_pubdata = std::max(fees.gas_per_pubdata, *now);
    }
    else if (price.error->code != kMethodNotFound)
        throw std::runtime_error("the node refused zks_gasPerPubdata: " + price.error->describe());
    if (fees.gas_per_pubdata == 0)
        throw std::runtime_error("the node gives a gas per pubdata limit of 0, which no 0x71 transaction may "
                                 "carry; send type 2 with --tx-type 1559");
    return fees;
}

}  // namespace zkload::zksync
