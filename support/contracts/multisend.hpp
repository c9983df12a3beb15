// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

#include <span>

namespace zkload {

inline constexpr std::string_view kMultisendSendEther = "sendEther(address[],uint256[])";
inline constexpr std::string_view kMultisendSendToken = "sendToken(address,address[],uint256[])";

/// Calldata for Multisend.sendEther: pays amounts[i] wei to recipients[i]. The transaction's
/// value must be multisend_total(amounts), or the call reverts with ValueMismatch. Throws
/// std::invalid_argument if the spans differ in length (the contract would revert anyway;
/// failing here saves a transaction).
Bytes multisend_ether_calldata(std::span<const Address> recipients, std::span<const U256> amounts);

/// Calldata for Multisend.sendToken: transferFrom(sender, recipients[i], amounts[i]) on
/// `token`, which the sender must have approved for the multisend first. Throws
/// std::invalid_argument if the spans differ in length.
Bytes multisend_token_calldata(const Address& token,
                               std::span<const Address> recipients,
                               std::span<const U256> amounts);

/// The sum of amounts: the value a sendEther transaction must carry, and the allowance a
/// sendToken needs. Throws std::overflow_error past 2^256 - 1.
U256 multisend_total(std::span<const U256> amounts);

}  // namespace zkload
