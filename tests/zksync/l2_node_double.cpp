// SPDX-License-Identifier: Apache-2.0
// The double's plumbing and its state: requests (single or batched) in, answers out, the L1
// watch, balances and nonces. What each method answers is in l2_double_answers.cpp.
#include "l2_node_double.hpp"

#include "abi/abi.hpp"
#include "codec/keccak.hpp"
#include "zksync/constants.hpp"

#include <algorithm>

namespace zkload::test {
namespace {

nlohmann::json rpc_error(const nlohmann::json& id, int code, const std::string& message)
{
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

/// Methods whose answers depend on priority operations the L1 may have queued.
bool needs_l1_news(const std::string& method)
{
    return method == "eth_getTransactionReceipt" || method == "eth_getBalance";
}

constexpr size_t kMaxBatch = 1000;
constexpr auto kWatchInterval = std::chrono::milliseconds(50);

}  // namespace

L2NodeDouble::L2NodeDouble(Config config) : config_(std::move(config))
{
    if (!config_.l1_url.empty())
        watch_ = std::make_unique<L1PriorityWatch>(config_.l1_url, config_.diamond_proxy);
    server_ = std::make_unique<HttpStubServer>(
        [this](const std::string& body) { return StubReply{.body = handle(body)}; });
}

void L2NodeDouble::expect_priority_op(const Hash& l2_hash)
{
    std::scoped_lock lock(mutex_);
    priority_ops_[to_hex(l2_hash)] = {Clock::now(), ++latest_block_, std::nullopt};
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
    if (request.is_array() && !request.empty() && request.size() <= kMaxBatch)
    {
        nlohmann::json answers = nlohmann::json::array();
        for (const nlohmann::json& one : request)
            answers.push_back(handle_one(one));
        return answers.dump();
    }
    return handle_one(request).dump();
}

nlohmann::json L2NodeDouble::handle_one(const nlohmann::json& request)
{
    if (!request.is_object() || !request.contains("method") || !request["method"].is_string())
        return rpc_error(nullptr, -32600, "not a JSON-RPC request");
    const std::string method = request["method"].get<std::string>();
    const nlohmann::json id = request.value("id", nlohmann::json());
    if (needs_l1_news(method))
        watch_l1();
    std::scoped_lock lock(mutex_);
    ++calls_[method];
    try
    {
        return {{"jsonrpc", "2.0"},
                {"id", id},
                {"result", answer(method, request.value("params", nlohmann::json::array()))}};
    }
    catch (const std::exception& e)
    {
        return rpc_error(id, -32601, e.what());
    }
}

void L2NodeDouble::watch_l1()
{
    if (!watch_)
        return;
    std::scoped_lock watching(watch_mutex_);
    if (Clock::now() < last_watch_ + kWatchInterval)
        return;
    last_watch_ = Clock::now();
    std::vector<PriorityRequest> found;
    try
    {
        found = watch_->poll();
    }
    catch (const std::exception&)
    {
        return;  // an L1 that does not answer now: the same blocks are read next time
    }
    std::scoped_lock lock(mutex_);
    for (const PriorityRequest& request : found)
        priority_ops_.try_emplace(to_hex(request.l2_hash), PriorityOp{Clock::now(), ++latest_block_, request});
}

bool L2NodeDouble::executed(const PriorityOp& op) const
{
    return config_.execute_after && Clock::now() >= op.at + *config_.execute_after;
}

U256 L2NodeDouble::balance(const Address& address) const
{
    U256 in = 0;
    U256 out = 0;
    for (const auto& [hash, op] : priority_ops_)
        if (op.request && op.request->to == address && executed(op))
            in += op.request->value;
    for (const auto& [hash, sent] : sent_)
    {
        if (sent.txn.from == address)
            out += sent.txn.value + fee_charged(sent.txn);
        if (sent.txn.to == address)
            in += sent.txn.value;
    }
    if (rich(address))
        in += config_.starting_balance;
    return in > out ? in - out : U256(0);
}

U256 L2NodeDouble::fee_charged(const ReceivedTxn& txn)
{
    // zkSync Era charges the gas used at the base fee (no tip goes to anyone) and refunds the
    // rest of gas_limit x max_fee_per_gas; a paymaster pays the sender's fee.
    if (txn.paymaster)
        return 0;
    const U256 price = txn.max_fee_per_gas < U256(kBaseFee) ? txn.max_fee_per_gas : U256(kBaseFee);
    return U256(std::min(txn.gas_limit, kGasUsed)) * price;
}

bool L2NodeDouble::rich(const Address& address) const
{
    const auto& accounts = config_.rich_accounts;
    return accounts.empty() || std::find(accounts.begin(), accounts.end(), address) != accounts.end();
}

U256 L2NodeDouble::token_balance(const Address& address) const
{
    U256 in = rich(address) ? config_.starting_balance : U256(0);
    U256 out = 0;
    for (const auto& [hash, sent] : sent_)
        if (const auto transfer = token_transfer_of(sent.txn))
        {
            if (transfer->to == address)
                in += transfer->amount;
            if (sent.txn.from == address)
                out += transfer->amount;
        }
    return in > out ? in - out : U256(0);
}

std::optional<L2NodeDouble::TokenTransfer> L2NodeDouble::token_transfer_of(const ReceivedTxn& txn) const
{
    static const abi::Selector kTransfer = abi::selector("transfer(address,uint256)");
    if (!config_.token || txn.to != config_.token || txn.data.size() != 68 ||
        !std::equal(kTransfer.begin(), kTransfer.end(), txn.data.begin()))
        return std::nullopt;
    TokenTransfer transfer;
    std::copy(txn.data.begin() + 16, txn.data.begin() + 36, transfer.to.begin());
    transfer.amount = from_be_bytes(ByteView(txn.data).subspan(36, 32));
    return transfer;
}

uint64_t L2NodeDouble::nonce(const Address& address) const
{
    uint64_t count = 0;
    for (const auto& [hash, sent] : sent_)
        count += sent.txn.from == address;
    return count;
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

}  // namespace zkload::test
