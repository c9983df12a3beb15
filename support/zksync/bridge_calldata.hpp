// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zksync/constants.hpp"
#include "codec/u256.hpp"

#include <vector>

namespace zkload::zksync {

/// Bridgehub's L2TransactionRequestDirect: an L1→L2 call paid in the base token (ETH deposits).
struct DirectRequest
{
    uint64_t chain_id = 0;
    U256 mint_value;
    Address l2_contract{};
    U256 l2_value;
    Bytes l2_calldata;
    uint64_t l2_gas_limit = 0;
    uint64_t l2_gas_per_pubdata = kRequiredGasPerPubdata;
    std::vector<Bytes> factory_deps;
    Address refund_recipient{};
};

/// Bridgehub's L2TransactionRequestTwoBridgesOuter: the base-token part plus a call to a second
/// bridge (the L1 asset router for ERC20 deposits).
struct TwoBridgesRequest
{
    uint64_t chain_id = 0;
    U256 mint_value;
    U256 l2_value;
    uint64_t l2_gas_limit = 0;
    uint64_t l2_gas_per_pubdata = kRequiredGasPerPubdata;
    Address refund_recipient{};
    Address second_bridge{};
    U256 second_bridge_value;
    Bytes second_bridge_calldata;
};

/// L1Nullifier's FinalizeL1DepositParams: what proves an L2→L1 withdrawal message on L1.
struct FinalizeParams
{
    uint64_t chain_id = 0;
    U256 l2_batch_number;
    U256 l2_message_index;
    Address l2_sender{};
    uint16_t l2_tx_number_in_batch = 0;
    Bytes message;
    std::vector<Hash> merkle_proof;
};

/// Bridgehub.requestL2TransactionDirect(request).
Bytes request_l2_direct_calldata(const DirectRequest& request);
/// Bridgehub.requestL2TransactionTwoBridges(request).
Bytes request_l2_two_bridges_calldata(const TwoBridgesRequest& request);
/// Bridgehub.l2TransactionBaseCost(chainId, gasPrice, l2GasLimit, gasPerPubdata): the base
/// token the request must mint at that L1 gas price.
Bytes base_cost_calldata(uint64_t chain_id, const U256& gas_price, uint64_t l2_gas_limit,
                         uint64_t gas_per_pubdata = kRequiredGasPerPubdata);
/// Bridgehub.getZKChain(chainId): the chain's diamond proxy.
Bytes get_zk_chain_calldata(uint64_t chain_id);
/// Bridgehub.baseToken(chainId).
Bytes base_token_calldata(uint64_t chain_id);

/// The asset id of a token native to the chain `origin_chain_id` in the native token vault:
/// keccak256(abi.encode(origin_chain_id, L2NativeTokenVault, token)) (what the vault assigns
/// to an L1 token on its first deposit).
Hash native_token_asset_id(uint64_t origin_chain_id, const Address& token);
/// abi.encode(amount, receiver, token): the vault's transfer data.
Bytes ntv_transfer_data(const U256& amount, const Address& receiver, const Address& token);
/// The asset router's second-bridge calldata, encoding version 1: 0x01 ‖ abi.encode(assetId,
/// transferData).
Bytes second_bridge_calldata_v1(const Hash& asset_id, ByteView transfer_data);

/// L2BaseToken.withdraw(l1Receiver) (value = amount).
Bytes withdraw_eth_calldata(const Address& l1_receiver);
/// The legacy L2 shared bridge's withdraw(l1Receiver, l2Token, amount), for L1-native tokens.
Bytes withdraw_erc20_legacy_calldata(const Address& l1_receiver, const Address& l2_token,
                                     const U256& amount);

/// L1Nullifier.finalizeDeposit(params).
Bytes finalize_deposit_calldata(const FinalizeParams& params);
/// L1Nullifier.isWithdrawalFinalized(chainId, l2BatchNumber, l2MessageIndex).
Bytes is_withdrawal_finalized_calldata(uint64_t chain_id, const U256& batch, const U256& index);

}  // namespace zkload::zksync
