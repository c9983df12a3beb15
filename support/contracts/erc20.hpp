// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"
#include "codec/u256.hpp"

namespace zkload {

/// Storage slots of contracts/ZkloadToken.sol's mappings (its layout comment is the contract).
inline constexpr uint64_t kErc20BalanceSlot = 0;
inline constexpr uint64_t kErc20AllowanceSlot = 1;

/// The Transfer event's signature; abi::event_topic of it is topic 0 of every transfer log.
inline constexpr std::string_view kErc20TransferEvent = "Transfer(address,address,uint256)";
inline constexpr std::string_view kErc20ApprovalEvent = "Approval(address,address,uint256)";

/// Calldata for the ERC20 calls the pool and the benchmarks make. The ABI functions are parsed
/// once, on first use; a benchmark loop only encodes.
Bytes erc20_transfer_calldata(const Address& to, const U256& amount);
Bytes erc20_transfer_from_calldata(const Address& from, const Address& to, const U256& amount);
Bytes erc20_approve_calldata(const Address& spender, const U256& amount);
Bytes erc20_balance_of_calldata(const Address& holder);
Bytes erc20_allowance_calldata(const Address& holder, const Address& spender);

/// ZkloadToken's owner-only mint(address,uint256).
Bytes erc20_mint_calldata(const Address& to, const U256& amount);

/// Where ZkloadToken keeps `holder`'s balance: keccak256(pad32(holder) ‖ pad32(0)), Solidity's
/// rule for a mapping in slot 0. A dev node can then fund a wallet with one
/// anvil_setStorageAt(token, slot, balance) instead of a transaction; eth_getStorageAt at the
/// slot reads the balance back.
Hash erc20_balance_slot(const Address& holder);

/// Where ZkloadToken keeps allowance[holder][spender]:
/// keccak256(pad32(spender) ‖ keccak256(pad32(holder) ‖ pad32(1))).
Hash erc20_allowance_slot(const Address& holder, const Address& spender);

}  // namespace zkload
