// SPDX-License-Identifier: Apache-2.0
#include "zksync/withdrawal.hpp"

#include "abi/abi.hpp"
#include "zksync/constants.hpp"
#include "zksync/priority_op.hpp"

#include <thread>

namespace zkload::zksync {
namespace {

bool is_from(const nlohmann::json& object, std::string_view field, const Address& address)
{
    const auto value = object.is_object() && object.contains(field) && object[field].is_string()
                           ? from_hex(object[field].get<std::string>())
                           : std::nullopt;
    return value && value->size() == 20 && std::equal(value->begin(), value->end(), address.begin());
}

/// The proof's "id": zkSync sends a JSON number (u32); a quantity string is accepted too.
U256 proof_id(const nlohmann::json& proof)
{
    const nlohmann::json id = proof.value("id", nlohmann::json());
    if (id.is_number_unsigned())
        return U256(id.get<uint64_t>());
    return json_quantity(proof, "id", "zks_getL2ToL1LogProof");
}

}  // namespace

ContractCall withdraw_call(const BridgeAddresses& bridge, const WithdrawOptions& options)
{
    if (!options.l2_token)
        return {kL2BaseToken, options.amount, withdraw_eth_calldata(options.l1_receiver)};
    return {bridge.l2_shared_bridge.value_or(kL2AssetRouter), 0,
            withdraw_erc20_legacy_calldata(options.l1_receiver, *options.l2_token, options.amount)};
}

IncludedTxn withdraw(rpc::Client& l2, const BridgeAddresses& bridge, const PrivateKey& key,
                     const WithdrawOptions& options)
{
    const Pricing pricing = options.pricing ? *options.pricing : node_pricing(l2);
    return send_contract_call(l2, bridge.l2_chain_id, key, withdraw_call(bridge, options), pricing,
                              options.l2_patience, "withdrawal on L2");
}

WithdrawalMessage withdrawal_message(const nlohmann::json& receipt, size_t index)
{
    static const std::string kTopic = to_hex(abi::event_topic(kL1MessageSentEvent));
    constexpr std::string_view kWhat = "withdrawal receipt";
    WithdrawalMessage out;
    const nlohmann::json all_logs = receipt.value("logs", nlohmann::json::array());
    std::vector<const nlohmann::json*> sent;
    for (const nlohmann::json& log : all_logs)
        if (is_from(log, "address", kL1Messenger) && log.contains("topics") &&
            log["topics"].is_array() && log["topics"].size() >= 2 && log["topics"][0] == kTopic)
            sent.push_back(&log);
    if (sent.size() <= index)
        throw BridgeError(FailureClass::rpc, "the L2 receipt " + receipt.value("transactionHash", "?") +
                                                 " has no L1MessageSent log number " +
                                                 std::to_string(index));
    const Hash sender_word = json_hash((*sent[index])["topics"][1], kWhat);
    std::copy(sender_word.begin() + 12, sender_word.end(), out.l2_sender.begin());
    try
    {
        const auto data = from_hex(sent[index]->value("data", ""));
        out.message = std::get<Bytes>(
            abi::decode({abi::parse_type("bytes")}, data ? ByteView(*data) : ByteView())[0].data);
    }
    catch (const abi::DecodeError& e)
    {
        throw BridgeError(FailureClass::rpc, std::string("L1MessageSent data: ") + e.what());
    }
    size_t seen = 0;
    bool found = false;
    const nlohmann::json logs = receipt.value("l2ToL1Logs", nlohmann::json::array());
    for (size_t i = 0; i < logs.size() && !found; ++i)
        if (is_from(logs[i], "sender", kL1Messenger) && seen++ == index)
        {
            out.l2_to_l1_log_index = i;
            found = true;
        }
    if (!found)
        throw BridgeError(FailureClass::rpc, "the L2 receipt has no l2ToL1Logs entry from the messenger");
    out.l1_batch_number = json_quantity(receipt, "l1BatchNumber", kWhat);
    out.l1_batch_tx_index = static_cast<uint16_t>(json_quantity(receipt, "l1BatchTxIndex", kWhat));
    out.block_number = json_quantity(receipt, "blockNumber", kWhat);
    return out;
}

FinalizeParams finalize_params(uint64_t l2_chain_id, const WithdrawalMessage& message,
                               const LogProof& proof)
{
    return {.chain_id = l2_chain_id,
            .l2_batch_number = message.l1_batch_number,
            .l2_message_index = proof.id,
            .l2_sender = message.l2_sender,
            .l2_tx_number_in_batch = message.l1_batch_tx_index,
            .message = message.message,
            .merkle_proof = proof.proof};
}

void await_finalized_block(rpc::Client& l2, uint64_t block_number, const Patience& patience)
{
    const auto deadline = std::chrono::steady_clock::now() + patience.timeout;
    uint64_t finalized = 0;
    while (true)
    {
        const rpc::Reply reply =
            l2.call("eth_getBlockByNumber", nlohmann::json::array({"finalized", false}));
        if (reply.ok() && reply.result.is_object())
            finalized = json_quantity(reply.result, "number", "finalized block");
        if (finalized >= block_number)
            return;
        if (std::chrono::steady_clock::now() + patience.poll > deadline)
            throw BridgeError(FailureClass::timeout,
                              "block " + std::to_string(block_number) + " not finalized within " +
                                  std::to_string(patience.timeout.count()) + " ms (finalized: " +
                                  std::to_string(finalized) + ")");
        std::this_thread::sleep_for(patience.poll);
    }
}

LogProof await_log_proof(rpc::Client& l2, const Hash& l2_hash, uint64_t l2_to_l1_log_index,
                         const Patience& patience)
{
    const auto deadline = std::chrono::steady_clock::now() + patience.timeout;
    while (true)
    {
        const rpc::Reply reply = l2.call(
            "zks_getL2ToL1LogProof", nlohmann::json::array({to_hex(l2_hash), l2_to_l1_log_index}));
        if (!reply.ok())
            throw BridgeError(FailureClass::rpc, "zks_getL2ToL1LogProof: " + reply.error->describe());
        if (reply.result.is_object())
        {
            LogProof out;
            out.id = proof_id(reply.result);
            for (const nlohmann::json& node : reply.result.value("proof", nlohmann::json::array()))
                out.proof.push_back(json_hash(node, "zks_getL2ToL1LogProof proof"));
            return out;
        }
        if (std::chrono::steady_clock::now() + patience.poll > deadline)
            throw BridgeError(FailureClass::timeout, "no L2→L1 log proof for " + to_hex(l2_hash) +
                                                         " within " +
                                                         std::to_string(patience.timeout.count()) + " ms");
        std::this_thread::sleep_for(patience.poll);
    }
}

ProvenWithdrawal prove_withdrawal(rpc::Client& l2, const Hash& l2_hash, uint64_t block_number,
                                  const Patience& patience)
{
    await_finalized_block(l2, block_number, patience);
    const std::optional<nlohmann::json> receipt = l2.get_transaction_receipt(l2_hash);
    if (!receipt)
        throw BridgeError(FailureClass::rpc, "the receipt of " + to_hex(l2_hash) +
                                                 " is gone after its block was finalized");
    ProvenWithdrawal out;
    out.message = withdrawal_message(*receipt);
    out.proof = await_log_proof(l2, l2_hash, out.message.l2_to_l1_log_index, patience);
    return out;
}

Address l2_token_address(rpc::Client& l2, const Hash& asset_id)
{
    static const abi::Function kTokenAddress = abi::parse_function("tokenAddress(bytes32)");
    const Bytes word = call_contract(
        l2, Address{}, {kL2NativeTokenVault, 0, abi::encode_call(kTokenAddress, {abi::fixed_bytes(asset_id)})},
        std::nullopt, "L2NativeTokenVault.tokenAddress");
    const Address token = std::get<Address>(abi::decode({abi::parse_type("address")}, word)[0].data);
    if (token == Address{})
        throw BridgeError(FailureClass::unsupported,
                          "the L2 native token vault has no token for asset " + to_hex(asset_id) +
                              " yet (deposit it first)");
    return token;
}

bool is_withdrawal_finalized(rpc::Client& l1, const BridgeAddresses& bridge, const U256& batch,
                             const U256& index)
{
    const Bytes word = call_contract(
        l1, Address{},
        {bridge.l1_nullifier, 0, is_withdrawal_finalized_calldata(bridge.l2_chain_id, batch, index)},
        std::nullopt, "L1Nullifier.isWithdrawalFinalized");
    return std::get<bool>(abi::decode({abi::parse_type("bool")}, word)[0].data);
}

IncludedTxn finalize_withdrawal(rpc::Client& l1, const BridgeAddresses& bridge, const PrivateKey& key,
                                const FinalizeParams& params, const std::optional<Pricing>& pricing,
                                const Patience& patience)
{
    IncludedTxn sent = send_contract_call(
        l1, bridge.l1_chain_id, key, {bridge.l1_nullifier, 0, finalize_deposit_calldata(params)},
        pricing ? *pricing : node_pricing(l1), patience, "finalizeDeposit on L1");
    if (!is_withdrawal_finalized(l1, bridge, params.l2_batch_number, params.l2_message_index))
        throw BridgeError(FailureClass::rpc, "finalizeDeposit " + to_hex(sent.hash) +
                                                 " succeeded but isWithdrawalFinalized is false");
    return sent;
}

}  // namespace zkload::zksync
