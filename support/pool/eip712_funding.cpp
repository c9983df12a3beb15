// SPDX-License-Identifier: Apache-2.0
#include "pool/eip712_funding.hpp"

#include "contracts/erc20.hpp"
#include "zksync/discovery.hpp"
#include "zksync/row_fees.hpp"

#include <stdexcept>

namespace zkload::pool {

uint64_t estimated_transfer_gas(rpc::Client& client,
                                const Address& from,
                                const Address& to,
                                const std::optional<Address>& token)
{
    nlohmann::json call = {{"from", to_hex(from)}};
    if (token)
        call.update({{"to", to_hex(*token)}, {"data", to_hex(erc20_transfer_calldata(to, U256(1)))}});
    else
        call.update({{"to", to_hex(to)}, {"value", to_quantity(uint64_t{1})}});
    const rpc::Reply reply = client.call("eth_estimateGas", nlohmann::json::array({call}));
    if (!reply.ok())
        throw std::runtime_error(std::string("the node refused to estimate the pool's ") +
                                 (token ? "token" : "ETH") + " transfer: " + reply.error->describe());
    const uint64_t gas =
        reply.result.is_string() ? parse_quantity(reply.result.get<std::string>()).value_or(0) : 0;
    if (gas == 0)
        throw std::runtime_error("eth_estimateGas of a transfer answered " + rpc::excerpt(reply.result.dump()) +
                                 ", not a gas figure");
    return gas + gas * 3 / 10;
}

std::optional<Eip712Funding> eip712_funding(rpc::Client& client,
                                            const Address& funder,
                                            const Address& recipient,
                                            const std::optional<Address>& token)
{
    if (!zksync::is_zksync_node(client))
        return std::nullopt;
    const zksync::Eip712Fees fees = zksync::eip712_fees(client, funder, {.to = recipient, .value = U256(1)});
    const uint64_t eth_gas = estimated_transfer_gas(client, funder, recipient);
    Fees offered = current_fees(client);
    offered.max_fee_per_gas = fees.max_fee_per_gas;
    offered.max_priority_fee_per_gas = fees.max_priority_fee_per_gas;
    return Eip712Funding{
        .fees = offered,
        .payments = {.gas_per_pubdata = fees.gas_per_pubdata,
                     .eth_gas = eth_gas,
                     // a token not deployed yet is estimated once it is (WalletPool::prepare)
                     .token_gas = token ? estimated_transfer_gas(client, funder, recipient, token) : eth_gas}};
}

}  // namespace zkload::pool
