// SPDX-License-Identifier: Apache-2.0
#include "contracts/multisend.hpp"

#include "abi/abi.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace zkload {

namespace {

/// The two ABI arrays of both calls, after checking they pair up.
std::pair<abi::Value, abi::Value> encode_lists(std::span<const Address> recipients,
                                               std::span<const U256> amounts)
{
    if (recipients.size() != amounts.size())
    {
        throw std::invalid_argument("multisend: " + std::to_string(recipients.size()) +
                                    " recipients but " + std::to_string(amounts.size()) +
                                    " amounts");
    }
    std::vector<abi::Value> addresses;
    std::vector<abi::Value> values;
    addresses.reserve(recipients.size());
    values.reserve(amounts.size());
    for (const Address& recipient : recipients)
        addresses.push_back(abi::address(recipient));
    for (const U256& amount : amounts)
        values.push_back(abi::uint(amount));
    return {abi::array(std::move(addresses)), abi::array(std::move(values))};
}

}  // namespace

Bytes multisend_ether_calldata(std::span<const Address> recipients, std::span<const U256> amounts)
{
    static const abi::Function kFunction = abi::parse_function(kMultisendSendEther);
    auto [addresses, values] = encode_lists(recipients, amounts);
    return abi::encode_call(kFunction, {std::move(addresses), std::move(values)});
}

Bytes multisend_token_calldata(const Address& token,
                               std::span<const Address> recipients,
                               std::span<const U256> amounts)
{
    static const abi::Function kFunction = abi::parse_function(kMultisendSendToken);
    auto [addresses, values] = encode_lists(recipients, amounts);
    return abi::encode_call(kFunction,
                            {abi::address(token), std::move(addresses), std::move(values)});
}

U256 multisend_total(std::span<const U256> amounts)
{
    U256 total = 0;
    for (const U256& amount : amounts)
        total += amount;
    return total;
}

}  // namespace zkload
