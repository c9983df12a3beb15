// SPDX-License-Identifier: Apache-2.0
// The paymasterParams of a 0x71 transaction for zkSync Era's two paymaster flows
// (IPaymasterFlow): the paymaster's address and the flow call as its input, the same bytes
// zksync-ethers' utils.getPaymasterParams builds.
#pragma once

#include "txn/txn.hpp"

namespace zkload::zksync {

/// The general flow, general(bytes innerInput): the paymaster pays and takes nothing from the
/// sender on the way.
PaymasterParams general_paymaster(const Address& paymaster, Bytes inner_input = {});

/// The approval-based flow, approvalBased(address token, uint256 minAllowance, bytes
/// innerInput): before validation the bootloader lets the paymaster take up to `min_allowance`
/// of `token` from the sender.
PaymasterParams approval_paymaster(const Address& paymaster, const Address& token, const U256& min_allowance,
                                   Bytes inner_input = {});

}  // namespace zkload::zksync
