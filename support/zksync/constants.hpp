// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <cstdint>
#include <string_view>

namespace zkload::zksync {

/// The only L2 gas price per pubdata byte the Mailbox accepts for L1→L2 requests
/// (REQUIRED_L2_GAS_PRICE_PER_PUBDATA; anything else reverts with GasPerPubdataMismatch).
inline constexpr uint64_t kRequiredGasPerPubdata = 800;

/// Where a chain whose base token is ETH keeps it in contracts (Bridgehub.baseToken answers it).
inline const Address kEthTokenInContracts =
    parse_address("0x0000000000000000000000000000000000000001");

/// L2 system contracts: the base token (withdraw(address)), the messenger that carries L2→L1
/// messages, the asset router and the native token vault.
inline const Address kL2BaseToken = parse_address("0x000000000000000000000000000000000000800a");
inline const Address kL1Messenger = parse_address("0x0000000000000000000000000000000000008008");
inline const Address kL2AssetRouter = parse_address("0x0000000000000000000000000000000000010003");
inline const Address kL2NativeTokenVault =
    parse_address("0x0000000000000000000000000000000000010004");

/// Event the chain's diamond proxy emits per priority request; all fields unindexed, the
/// canonical L2 transaction hash is the second data word.
inline constexpr std::string_view kNewPriorityRequestEvent =
    "NewPriorityRequest(uint256,bytes32,uint64,(uint256,uint256,uint256,uint256,uint256,uint256,"
    "uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes),bytes[])";

/// Event the L1 messenger emits for each L2→L1 message: topic 1 the sender, data abi(bytes).
inline constexpr std::string_view kL1MessageSentEvent = "L1MessageSent(address,bytes32,bytes)";

}  // namespace zkload::zksync
