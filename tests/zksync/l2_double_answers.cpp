// SPDX-License-Identifier: Apache-2.0
// What the L2 double answers, method by method (called with the double's mutex held).
#include "l2_node_double.hpp"

#include "abi/abi.hpp"
#include "codec/keccak.hpp"
#include "zksync/constants.hpp"

#include <cstdio>
#include <ctime>
#include <set>

namespace zkload::test {
namespace {

std::string word_of(const Address& address)
{
    Hash word{};
    std::copy(address.begin(), address.end(), word.begin() + 12);
    return to_hex(word);
}

Address param_address(const nlohmann::json& params, size_t index)
{
    return parse_address(params.at(index).get<std::string>());
}

/// The L2→L1 message a withdrawal's L1MessageSent log carries, and who sent it. L2BaseToken's
/// withdraw(receiver) sends what the real one does: finalizeEthWithdrawal's selector, the
/// receiver and the amount. Any other call is "sent" by its target with its calldata as the
/// message: made up, as the double executes nothing.
std::pair<Address, Bytes> withdrawal_message_of(const ReceivedTxn& txn)
{
    static const abi::Selector kWithdraw = abi::selector("withdraw(address)");
    const Address to = txn.to.value_or(Address{});
    if (to == zksync::kL2BaseToken && txn.data.size() == 36 &&
        std::equal(kWithdraw.begin(), kWithdraw.end(), txn.data.begin()))
    {
        Bytes message = parse_hex("0x6c0960f9");
        message.insert(message.end(), txn.data.begin() + 16, txn.data.end());
        append(message, to_be_bytes32(txn.value));
        return {to, message};
    }
    return {to, txn.data};
}

}  // namespace

nlohmann::json L2NodeDouble::answer(const std::string& method, const nlohmann::json& params)
{
    if (method == "eth_chainId")
        return to_quantity(config_.chain_id);
    if (method == "web3_clientVersion")
        return "zkload-l2-double/1.0 (a test double of a zkSync Era node, not a node)";
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
    if (method == "eth_gasPrice")
        return to_quantity(kBaseFee);
    if (method == "eth_blockNumber")
        return to_quantity(latest_block_);
    if (method == "eth_estimateGas")
    {
        if (params.empty() || !params.at(0).contains("to") || params.at(0)["to"].is_null())
            throw std::runtime_error("toAddressIsNull: this double takes no contract creation (a chain "
                                     "without the emulator of EVM bytecode)");
        return "0x30000";
    }
    if (method == "eth_getCode")
        return "0x";
    if (method == "eth_getBalance")
        return to_quantity(balance(param_address(params, 0)));
    if (method == "eth_getTransactionCount")
        return to_quantity(nonce(param_address(params, 0)));
    if (method == "eth_getBlockByNumber")
        return block(params.at(0).get<std::string>());
    if (method == "eth_sendRawTransaction")
        return send(params.at(0).get<std::string>());
    if (method == "eth_getTransactionReceipt")
        return receipt(params.at(0).get<std::string>());
    if (method == "eth_call")
        return call(params.at(0));
    if (method == "zks_getL2ToL1LogProof")
        return log_proof(params);
    if (method == "zks_gasPerPubdata")
        return to_quantity(config_.gas_per_pubdata_price);
    if (method == "zks_estimateFee")
    {
        const nlohmann::json& call = params.at(0);
        if (call.contains("eip712Meta") && call["eip712Meta"].contains("paymasterParams"))
            validate_paymaster(parse_address(call["eip712Meta"]["paymasterParams"].at("paymaster").get<std::string>()));
        return {{"gas_limit", to_quantity(config_.fee_gas_limit)},
                {"gas_per_pubdata_limit", to_quantity(config_.fee_gas_per_pubdata_limit)},
                {"max_fee_per_gas", to_quantity(config_.fee_max_fee_per_gas)},
                {"max_priority_fee_per_gas", to_quantity(config_.fee_max_priority_fee_per_gas)}};
    }
    if (method == "zkload_doubleStats")
        return stats();
    if (method == "zks_getBlockDetails")
        return block_details(params.at(0).get<uint64_t>());
    throw std::runtime_error("the method " + method + " does not exist on this double");
}

nlohmann::json L2NodeDouble::block(const std::string& tag) const
{
    const uint64_t number = tag == "finalized" ? finalized_block()
                            : tag == "latest" || tag == "pending"
                                ? latest_block_
                                : parse_quantity(tag).value_or(latest_block_);
    nlohmann::json hashes = nlohmann::json::array();
    if (const auto sent = block_of_sent_.find(number); sent != block_of_sent_.end())
        hashes.push_back(sent->second);
    return {{"number", to_quantity(number)},
            {"hash", to_hex(keccak256(as_view("zkload-l2-double block " + std::to_string(number))))},
            {"timestamp", to_quantity(1'700'000'000 + number)},
            {"gasLimit", to_quantity(uint64_t{1'125'899'906'842'624})},
            {"baseFeePerGas", to_quantity(kBaseFee)},
            {"transactions", hashes}};
}

nlohmann::json L2NodeDouble::block_details(uint64_t number) const
{
    const auto hash = block_of_sent_.find(number);
    if (hash == block_of_sent_.end())
        return nullptr;
    const Sent& sent = sent_.at(hash->second);
    const auto block_time = std::chrono::system_clock::time_point(std::chrono::seconds(sent.timestamp));
    // A stage is shown once its time has come, in zkSync's RFC 3339 form.
    const auto stage = [&](std::chrono::milliseconds after) -> nlohmann::json {
        const auto at = block_time + after;
        if (std::chrono::system_clock::now() < at)
            return nullptr;
        const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
        std::tm utc{};
        gmtime_r(&seconds, &utc);
        char text[96];
        const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                      utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
        return text;
    };
    const nlohmann::json committed = stage(config_.commit_after);
    return {{"number", number},
            {"l1BatchNumber", number / 2},
            {"timestamp", sent.timestamp},
            {"status", committed.is_null() ? "sealed" : "verified"},
            {"committedAt", committed},
            {"provenAt", stage(config_.prove_after_block)},
            {"executedAt", stage(config_.execute_after_block)}};
}

nlohmann::json L2NodeDouble::stats() const
{
    nlohmann::json types = nlohmann::json::object();
    nlohmann::json paid_by = nlohmann::json::object();
    std::set<std::string> pubdata;
    std::set<std::string> max_fees;
    std::set<std::string> paymaster_inputs;
    nlohmann::json senders = nlohmann::json::object();
    nlohmann::json token_paid = nlohmann::json::object();
    size_t creations = 0;
    for (const auto& [hash, sent] : sent_)
    {
        if (const auto transfer = token_transfer_of(sent.txn))
            token_paid[to_hex(transfer->to)] = token_paid.value(to_hex(transfer->to), uint64_t{0}) +
                                               to_uint64(transfer->amount);
        const std::string from = to_hex(sent.txn.from);
        senders[from] = senders.value(from, 0) + 1;
        creations += !sent.txn.to.has_value();
        const std::string payer = sent.txn.paymaster ? to_hex(*sent.txn.paymaster) : "sender";
        paid_by[payer] = paid_by.value(payer, 0) + 1;
        if (sent.txn.paymaster)
            paymaster_inputs.insert(to_hex(sent.txn.paymaster_input));
        types[to_quantity(uint64_t{sent.txn.type})] = types.value(to_quantity(uint64_t{sent.txn.type}), 0) + 1;
        if (sent.txn.type == 0x71)
            pubdata.insert(to_quantity(sent.txn.gas_per_pubdata));
        max_fees.insert(to_quantity(sent.txn.max_fee_per_gas));
    }
    return {{"types", types},         {"gas_per_pubdata", pubdata},
            {"max_fee_per_gas", max_fees}, {"paid_by", paid_by},
            {"paymaster_inputs", paymaster_inputs}, {"calls", calls_},
            {"senders", senders}, {"creations", creations}, {"token_paid", token_paid}};
}

void L2NodeDouble::validate_paymaster(const Address& paymaster) const
{
    if (paymaster != config_.paymaster)
        throw std::runtime_error("failed paymaster validation. error message: the paymaster " + to_hex(paymaster) +
                                 " does not pay on this double");
}

nlohmann::json L2NodeDouble::send(const std::string& raw_hex)
{
    const Bytes raw = parse_hex(raw_hex);
    ReceivedTxn txn = decode_signed(raw);
    if (sent_.contains(to_hex(txn.hash)))
        throw std::runtime_error("already known");
    if (txn.chain_id != config_.chain_id)
        throw std::runtime_error("chain id " + std::to_string(txn.chain_id) + " is not this L2's");
    if (txn.paymaster)
        validate_paymaster(*txn.paymaster);
    const uint64_t expected = nonce(txn.from);
    if (txn.nonce != expected)
        throw std::runtime_error("nonce " + std::to_string(txn.nonce) + " of " + to_hex(txn.from) +
                                 " is not the next one, " + std::to_string(expected));
    if (config_.require_funds)
    {
        const U256 upfront = txn.value + (txn.paymaster ? U256(0) : U256(txn.gas_limit) * txn.max_fee_per_gas);
        if (upfront > balance(txn.from))
            throw std::runtime_error("Not enough balance to cover the fee + value: " + to_hex(txn.from) +
                                     " holds " + to_quantity(balance(txn.from)) + ", needs " + to_quantity(upfront));
    }
    if (const auto transfer = token_transfer_of(txn); transfer && transfer->amount > token_balance(txn.from))
        throw std::runtime_error("execution reverted: ERC20: transfer amount exceeds balance");
    const std::string hash = to_hex(txn.hash);
    raws_.push_back(raw);
    const auto wall = std::chrono::system_clock::now().time_since_epoch();
    sent_[hash] = {.at = Clock::now(),
                   .timestamp = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(wall).count()),
                   .block = ++latest_block_,
                   .txn = std::move(txn)};
    block_of_sent_[latest_block_] = hash;
    return hash;
}

nlohmann::json L2NodeDouble::receipt(const std::string& hash) const
{
    if (const auto op = priority_ops_.find(hash); op != priority_ops_.end())
    {
        if (!executed(op->second))
            return nullptr;
        nlohmann::json out = {{"transactionHash", hash}, {"status", "0x1"}, {"type", "0xff"},
                              {"blockNumber", to_quantity(op->second.block)}, {"gasUsed", "0x1d4c0"},
                              {"logs", nlohmann::json::array()}, {"l2ToL1Logs", nlohmann::json::array()}};
        if (op->second.request)
        {
            out["from"] = to_hex(op->second.request->from);
            out["to"] = to_hex(op->second.request->to);
        }
        return out;
    }
    const auto sent = sent_.find(hash);
    if (sent == sent_.end())
        return nullptr;
    const auto [sender, message] = withdrawal_message_of(sent->second.txn);
    const std::string block = to_quantity(sent->second.block);
    const std::string batch = to_quantity(sent->second.block / 2);
    const nlohmann::json message_log = {
        {"address", to_hex(zksync::kL1Messenger)},
        {"topics", {to_hex(abi::event_topic(zksync::kL1MessageSentEvent)), word_of(sender),
                    to_hex(keccak256(message))}},
        {"data", to_hex(abi::encode({abi::parse_type("bytes")}, {abi::bytes(message)}))},
        {"blockNumber", block}, {"transactionHash", hash}, {"l1BatchNumber", batch}};
    const nlohmann::json system_log = {{"sender", "0x0000000000000000000000000000000000008001"},
                                       {"key", to_hex(Hash{})}, {"value", to_hex(Hash{})}};
    nlohmann::json messenger_log = system_log;
    messenger_log["sender"] = to_hex(zksync::kL1Messenger);
    return {{"transactionHash", hash}, {"status", "0x1"}, {"type", "0x2"}, {"blockNumber", block},
            {"from", to_hex(sent->second.txn.from)}, {"gasUsed", to_quantity(std::min(sent->second.txn.gas_limit, kGasUsed))},
            {"l1BatchNumber", batch}, {"l1BatchTxIndex", "0x3"},
            {"logs", nlohmann::json::array({message_log})},
            {"l2ToL1Logs", nlohmann::json::array({system_log, messenger_log})}};
}

nlohmann::json L2NodeDouble::call(const nlohmann::json& call) const
{
    // L2NativeTokenVault.tokenAddress(assetId): a made-up L2 token per asset.
    static const abi::Selector kTokenAddress = abi::selector("tokenAddress(bytes32)");
    static const abi::Selector kBalanceOf = abi::selector("balanceOf(address)");
    const auto data = from_hex(call.value("data", call.value("input", "0x")));
    const Address to = parse_address(call.value("to", to_hex(Address{})));
    if (to == config_.token && data && data->size() == 36 &&
        std::equal(kBalanceOf.begin(), kBalanceOf.end(), data->begin()))
    {
        Address holder{};
        std::copy(data->begin() + 16, data->end(), holder.begin());
        return to_hex(to_be_bytes32(token_balance(holder)));
    }
    if (to == zksync::kL2NativeTokenVault && data && data->size() == 36 &&
        std::equal(kTokenAddress.begin(), kTokenAddress.end(), data->begin()))
    {
        const Hash token = keccak256(ByteView(*data).subspan(4));
        Address address{};
        std::copy(token.end() - 20, token.end(), address.begin());
        return word_of(address);
    }
    throw std::runtime_error("eth_call of " + to_hex(to) + " is not served by this double");
}

nlohmann::json L2NodeDouble::log_proof(const nlohmann::json& params)
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

}  // namespace zkload::test
