// SPDX-License-Identifier: Apache-2.0
#include "zksync/paymaster.hpp"

#include "abi/abi.hpp"

namespace zkload::zksync {

PaymasterParams general_paymaster(const Address& paymaster, Bytes inner_input)
{
    return {.paymaster = paymaster,
            .input = abi::encode_call("general(bytes)", {abi::bytes(std::move(inner_input))})};
}

PaymasterParams approval_paymaster(const Address& paymaster, const Address& token, const U256& min_allowance,
                                   Bytes inner_input)
{
    return {.paymaster = paymaster,
            .input = abi::encode_call("approvalBased(address,uint256,bytes)",
                                      {abi::address(token), abi::uint(min_allowance),
                                       abi::bytes(std::move(inner_input))})};
}

}  // namespace zkload::zksync
