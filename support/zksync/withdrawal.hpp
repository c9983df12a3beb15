// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zksync/bridge_calldata.hpp"
#include "zksync/chain_txn.hpp"
#include "zksync/discovery.hpp"

#include <optional>

namespace zkload::zksync {

/// One withdrawal to make on L2.
struct WithdrawOptions
{
    Address l1_receiver{};
    U256 amount;
    /// The L2 token; nullopt withdraws ETH (the base token).
    std::optional<Address> l2_token;
    /// Nullopt: the L2 node's fees now.
    std::optional<Pricing> pricing;
    Patience l2_patience{};
};

/// The L2 call: ETH through L2BaseToken.withdraw(receiver) with value = amount; an ERC20 native
/// to L1 through withdraw(receiver, l2Token, amount) on the L2 bridge (the legacy shared bridge
/// where the chain has one, else the L2 asset router, which keeps that entry point: what
/// zksync-ethers 6.21 sends).
ContractCall withdraw_call(const BridgeAddresses& bridge, const WithdrawOptions& options);

/// Sends the withdrawal on L2 (type 2) and waits for its receipt. Throws BridgeError.
IncludedTxn withdraw(rpc::Client& l2, const BridgeAddresses& bridge, const PrivateKey& key,
                     const WithdrawOptions& options);

/// What a withdrawal's L2 receipt says about its L2→L1 message.
struct WithdrawalMessage
{
    Address l2_sender{};
    Bytes message;
    /// Index in the receipt's l2ToL1Logs (what zks_getL2ToL1LogProof takes).
    uint64_t l2_to_l1_log_index = 0;
    U256 l1_batch_number;
    uint16_t l1_batch_tx_index = 0;
    uint64_t block_number = 0;
};

/// Reads the `index`-th L1MessageSent log of the messenger and its entry in l2ToL1Logs from an
/// L2 receipt (zkSync adds l1BatchNumber, l1BatchTxIndex, l2ToL1Logs). Throws BridgeError(rpc)
/// when a field is missing (the batch is not sealed yet, or not a zkSync receipt).
WithdrawalMessage withdrawal_message(const nlohmann::json& l2_receipt, size_t index = 0);

/// zks_getL2ToL1LogProof's answer: the Merkle path and the message's index in the batch.
struct LogProof
{
    std::vector<Hash> proof;
    U256 id;
};

/// The finalizeDeposit parameters of a message and its proof.
FinalizeParams finalize_params(uint64_t l2_chain_id, const WithdrawalMessage& message,
                               const LogProof& proof);

/// Waits until the L2 node reports a finalized block at or past `block_number` (the batch is
/// executed on L1), polling eth_getBlockByNumber("finalized"). Throws BridgeError(timeout).
void await_finalized_block(rpc::Client& l2, uint64_t block_number, const Patience& patience);

/// Polls zks_getL2ToL1LogProof(hash, index) until it is not null. Throws BridgeError(timeout).
LogProof await_log_proof(rpc::Client& l2, const Hash& l2_hash, uint64_t l2_to_l1_log_index,
                         const Patience& patience);

/// A withdrawal ready for finalization: its message and its proof.
struct ProvenWithdrawal
{
    WithdrawalMessage message;
    LogProof proof;
};

/// The whole wait of a withdrawal included in L2 block `block_number`: until that block is
/// finalized, then the receipt again (its batch fields are only set once the batch is sealed),
/// then until the proof is there. Each wait is bounded by `patience`.
ProvenWithdrawal prove_withdrawal(rpc::Client& l2, const Hash& l2_hash, uint64_t block_number,
                                  const Patience& patience);

/// The L2 token the L2 native token vault holds for an asset (an L1 token after its first
/// deposit); throws BridgeError(unsupported) when there is none yet.
Address l2_token_address(rpc::Client& l2, const Hash& asset_id);

/// L1Nullifier.isWithdrawalFinalized(chain, batch, index).
bool is_withdrawal_finalized(rpc::Client& l1, const BridgeAddresses& bridge, const U256& batch,
                             const U256& index);

/// Sends L1Nullifier.finalizeDeposit(params) and checks isWithdrawalFinalized afterwards.
/// A refusal or revert (a bad proof, an unexecuted batch) is BridgeError with the decoded reason.
IncludedTxn finalize_withdrawal(rpc::Client& l1, const BridgeAddresses& bridge, const PrivateKey& key,
                                const FinalizeParams& params, const std::optional<Pricing>& pricing,
                                const Patience& patience);

}  // namespace zkload::zksync
