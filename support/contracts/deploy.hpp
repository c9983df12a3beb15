// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

namespace zkload {

/// The data of a transaction that deploys ZkloadToken (EVM chains; to = none): the checked-in
/// creation bytecode followed by the ABI-encoded constructor argument. The deployer becomes the
/// owner, the only account that may mint, and receives `initial_supply` (in the smallest unit,
/// 18 decimals).
Bytes token_creation_code(const U256& initial_supply);

/// The data of a transaction that deploys Multisend; it has no constructor arguments.
Bytes multisend_creation_code();

/// Where a CREATE from `sender` at `nonce` lands on an EVM chain: keccak256(rlp([sender,
/// nonce]))[12:], so a deployer knows the address before the receipt. zkSync Era derives
/// addresses differently (its ContractDeployer); read the receipt there.
Address evm_create_address(const Address& sender, uint64_t nonce);

}  // namespace zkload
