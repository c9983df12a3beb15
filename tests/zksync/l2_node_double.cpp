// SPDX-License-Identifier: Apache-2.0
#include "l2_node_double.hpp"

#include "abi.hpp"
#include "keccak.hpp"
#include "u256.hpp"
#include "zksync/constants.hpp"

namespace zkload::test {
namespace {

std::string word_of(const Address& address)
{
    Hash word{};
    std::copy(address.begin(), address.end(), word.begin() + 12);
    return to_hex(word);
}

nlohmann::json rpc_error(const nlohmann::json& id, int code, const std::string& message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

}  // namespace

L2NodeDouble::L2NodeDouble(Config config) : config_(std::move(config))
{
    server_ = std::make_unique<HttpStubServer>(
        [this](const std::string& body) { return StubReply{.body = handle(body)}; });
}

void L2NodeDouble::expect_priority_op(const Hash& l2_hash)
{
    std::scoped_lock lock(mutex_);
    priority_ops_[to_hex(l2_hash)] = Clock::now();
}

size_t L2NodeDouble::calls(const std::string& method) const
{
    std::scoped_lock lock(mutex_);
    const auto it = calls_.find(method);
    return it == calls_.end() ? 0 : it->second;
}

std::vector<Bytes> L2NodeDouble::raw_transactions() const
{
    std::scoped_lock lock(mutex_);
    return raws_;
}

std::optional<uint64_t> L2NodeDouble::proof_index_asked() const
{
    std::scoped_lock lock(mutex_);
    return proof_index_;
}

std::string L2NodeDouble::handle(const std::string& body)
{
    const nlohmann::json request = nlohmann::json::parse(body, nullptr, false);
    if (!request.is_object())
        return rpc_error(nullptr, -32600, "the double takes single requests only").dump();
    const std::string method = request.value("method", "");
    std::scoped_lock lock(mutex_);
    ++calls_[method];
    try
    {
        return nlohmann::json{{"jsonrpc", "2.0"},
                              {"id", request["id"]},
                              {"result", answer(method, request.value("params", nlohmann::json::array()))}}
            .dump();
    }
    catch (const std::exception& e)
    {
        return rpc_error(request["id"], -32601, e.what()).dump();
    }
}

uint64_t L2NodeDouble::finalized_block() const
{
    uint64_t finalized = 1;
    if (!config_.finalize_after)
        return finalized;
    for (const auto& [hash, sent] : sent_)
        if (Clock::now() >= sent.at + *config_.finalize_after)
            finalized = std::max(finalized, sent.block);
    return finalized;
}

nlohmann::json L2NodeDouble::answer(const std::string& method, const nlohmann::json& params)
{
    if (method == "eth_chainId")
        return to_quantity(config_.chain_id);
    if (method == "zks_L1ChainId")
        return to_quantity(config_.l1_chain_id);
    if (method == "zks_getBridgehubContract")
        return to_hex(config_.bridgehub);
    if (method == "zks_getBridgeContracts")
        return {{"l1SharedDefaultBridge", to_hex(config_.l1_shared_bridge)},
                {"l2SharedDefaultBridge", to_hex(zksync::kL2AssetRouter)}};
    if (method == "zks_estimateGasL1ToL2")
        return to_quantity(config_.l1_to_l2_gas);
    if (method == "eth_maxPriorityFeePerGas")
        return "0x0";
    if (method == "eth_estimateGas")
        return "0x30000";
    if (method == "eth_getTransactionCount")
        return to_quantity(static_cast<uint64_t>(raws_.size()));
    if (method == "eth_getBlockByNumber")
    {
        const bool finalized = params.at(0) == "finalized";
        return {{"number", to_quantity(finalized ? finalized_block() : latest_block_)},
                {"baseFeePerGas", "0x2b275d0"}};
    }
    if (method == "eth_sendRawTransaction")
    {
        const Bytes raw = parse_hex(params.at(0).get<std::string>());
        const std::string hash = to_hex(keccak256(raw));
        raws_.push_back(raw);
        sent_[hash] = {Clock::now(), ++latest_block_};
        return hash;
    }
    if (method == "eth_getTransactionReceipt")
        return receipt(params.at(0).get<std::string>());
    if (method == "zks_getL2ToL1LogProof")
    {
        proof_index_ = params.size() > 1 ? params[1].get<uint64_t>() : 0;
        const auto sent = sent_.find(params.at(0).get<std::string>());
        if (sent == sent_.end() || !config_.finalize_after || !config_.prove_after ||
            Clock::now() < sent->second.at + *config_.finalize_after + *config_.prove_after)
            return nullptr;
        return {{"id", kProofId},
                {"root", to_hex(keccak256(as_view("root")))},
                {"proof", nlohmann::json::array({to_hex(keccak256(as_view("a"))), to_hex(keccak256(as_view("b")))})}};
    }
    throw std::runtime_error("the method " + method + " does not exist on this double");
}

nlohmann::json L2NodeDouble::receipt(const std::string& hash)
{
    if (const auto op = priority_ops_.find(hash); op != priority_ops_.end())
    {
        if (!config_.execute_after || Clock::now() < op->second + *config_.execute_after)
            return nullptr;
        return {{"transactionHash", hash}, {"status", "0x1"}, {"type", "0xff"},
                {"blockNumber", to_quantity(latest_block_)}, {"gasUsed", "0x1d4c0"},
                {"logs", nlohmann::json::array()}, {"l2ToL1Logs", nlohmann::json::array()}};
    }
    const auto sent = sent_.find(hash);
    if (sent == sent_.end())
        return nullptr;
    const std::string block = to_quantity(sent->second.block);
    const std::string batch = to_quantity(sent->second.block / 2);
    const nlohmann::json message_log = {
        {"address", to_hex(zksync::kL1Messenger)},
        {"topics", {to_hex(abi::event_topic(zksync::kL1MessageSentEvent)),
                    word_of(config_.withdrawal_sender), to_hex(keccak256(config_.withdrawal_message))}},
        {"data", to_hex(abi::encode({abi::parse_type("bytes")}, {abi::bytes(config_.withdrawal_message)}))},
        {"blockNumber", block}, {"transactionHash", hash}, {"l1BatchNumber", batch}};
    const nlohmann::json system_log = {{"sender", "0x0000000000000000000000000000000000008001"},
                                       {"key", to_hex(Hash{})}, {"value", to_hex(Hash{})}};
    nlohmann::json messenger_log = system_log;
    messenger_log["sender"] = to_hex(zksync::kL1Messenger);
    return {{"transactionHash", hash}, {"status", "0x1"}, {"type", "0x2"}, {"blockNumber", block},
            {"gasUsed", "0x2a000"}, {"l1BatchNumber", batch}, {"l1BatchTxIndex", "0x3"},
            {"logs", nlohmann::json::array({message_log})}, {"l2ToL1Logs", nlohmann::json::array({system_log, messenger_log})}};
}

}  // namespace zkload::test
