// SPDX-License-Identifier: Apache-2.0
#include "pool/dev_funding.hpp"

#include "contracts/erc20.hpp"

#include <stdexcept>

namespace zkload::pool {
namespace {

/// Runs the calls in batches; any failed element is an error naming its call and the node's text.
void run_batches(rpc::Client& client, const std::vector<rpc::Call>& calls, size_t batch_size)
{
    for (size_t begin = 0; begin < calls.size(); begin += batch_size)
    {
        const std::vector<rpc::Call> chunk(
            calls.begin() + static_cast<ptrdiff_t>(begin),
            calls.begin() + static_cast<ptrdiff_t>(std::min(calls.size(), begin + batch_size)));
        const std::vector<rpc::Reply> replies = client.batch(chunk);
        for (size_t i = 0; i < replies.size(); ++i)
            if (!replies[i].ok())
                throw std::runtime_error(chunk[i].first + " " + chunk[i].second.dump() +
                                         " failed: " + replies[i].error->describe());
    }
}

/// anvil_setBalance -> anvil_setStorageAt, hardhat_setBalance -> hardhat_setStorageAt.
std::string storage_method(const std::string& set_balance_method)
{
    return set_balance_method.substr(0, set_balance_method.find('_')) + "_setStorageAt";
}

}  // namespace

std::optional<std::string> detect_set_balance(rpc::Client& client, const Address& probe)
{
    const U256 current = client.get_balance(probe, "latest");
    for (const std::string method : {"anvil_setBalance", "hardhat_setBalance"})
    {
        const rpc::Reply reply =
            client.call(method, nlohmann::json::array({to_hex(probe), to_quantity(current)}));
        if (reply.ok())
            return method;
    }
    return std::nullopt;
}

void set_eth_balances(rpc::Client& client,
                      const std::string& method,
                      std::span<const Address> addresses,
                      const U256& amount,
                      size_t batch_size)
{
    std::vector<rpc::Call> calls;
    calls.reserve(addresses.size());
    const std::string quantity = to_quantity(amount);
    for (const Address& a : addresses)
        calls.emplace_back(method, nlohmann::json::array({to_hex(a), quantity}));
    run_batches(client, calls, batch_size);
}

void set_token_balances(rpc::Client& client,
                        const std::string& set_balance_method,
                        const Address& token,
                        std::span<const Address> addresses,
                        const U256& amount,
                        size_t batch_size)
{
    const std::string method = storage_method(set_balance_method);
    const std::string value = to_hex(to_be_bytes32(amount));
    const std::string token_hex = to_hex(token);
    std::vector<rpc::Call> calls;
    calls.reserve(addresses.size());
    for (const Address& a : addresses)
        calls.emplace_back(method,
                           nlohmann::json::array({token_hex, to_hex(erc20_balance_slot(a)), value}));
    run_batches(client, calls, batch_size);
}

}  // namespace zkload::pool
