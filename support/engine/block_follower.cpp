// SPDX-License-Identifier: Apache-2.0
#include "engine/block_follower.hpp"

#include <nlohmann/json.hpp>

namespace zkload::engine {
namespace {

constexpr size_t kReceiptBatch = 256;

std::string quantity(uint64_t n) { return to_quantity(n); }

IncludedTxn parse_receipt(const nlohmann::json& receipt)
{
    IncludedTxn txn;
    txn.hash = parse_hash(receipt.at("transactionHash").get<std::string>());
    const auto status = receipt.find("status");
    txn.success = status != receipt.end() && status->is_string() && parse_quantity(status->get<std::string>()) == 1;
    const auto gas = receipt.find("gasUsed");
    if (gas != receipt.end() && gas->is_string())
        txn.gas_used = parse_quantity(gas->get<std::string>()).value_or(0);
    return txn;
}

}  // namespace

void BlockLog::append(std::shared_ptr<const SeenBlock> block)
{
    std::lock_guard lock(mutex_);
    blocks_.push_back(std::move(block));
    size_.store(blocks_.size(), std::memory_order_release);
}

size_t BlockLog::read_from(size_t from, std::vector<std::shared_ptr<const SeenBlock>>& out) const
{
    std::lock_guard lock(mutex_);
    for (size_t i = from; i < blocks_.size(); ++i)
        out.push_back(blocks_[i]);
    return blocks_.size();
}

BlockFollower::BlockFollower(rpc::ClientOptions options, std::chrono::milliseconds poll_interval)
    : options_(std::move(options)), poll_interval_(poll_interval)
{
}

BlockFollower::~BlockFollower()
{
    stopping_ = true;
    if (thread_.joinable())
        thread_.join();
}

void BlockFollower::start()
{
    client_ = std::make_unique<rpc::Client>(options_);
    next_block_ = client_->block_number() + 1;
    thread_ = std::thread([this] { run(); });
}

void BlockFollower::stop()
{
    stopping_ = true;
    if (thread_.joinable())
        thread_.join();
}

std::optional<std::string> BlockFollower::last_error() const
{
    std::lock_guard lock(error_mutex_);
    return last_error_;
}

void BlockFollower::run()
{
    while (!stopping_.load())
    {
        const auto next_poll = std::chrono::steady_clock::now() + poll_interval_;
        catch_up();
        std::this_thread::sleep_until(next_poll);
    }
    catch_up();
}

void BlockFollower::catch_up()
{
    try
    {
        const uint64_t head = client_->block_number();
        while (next_block_ <= head)
        {
            log_.append(fetch(next_block_));
            ++next_block_;
            blocks_seen_.fetch_add(1);
        }
    }
    catch (const std::exception& e)
    {
        errors_.fetch_add(1);
        std::lock_guard lock(error_mutex_);
        last_error_ = e.what();
    }
}

std::shared_ptr<SeenBlock> BlockFollower::fetch(uint64_t number)
{
    auto block = std::make_shared<SeenBlock>();
    block->number = number;
    if (!fallback_.load())
    {
        rpc::Reply reply = client_->call("eth_getBlockReceipts", nlohmann::json::array({quantity(number)}));
        if (reply.ok() && reply.result.is_array())
        {
            for (const auto& receipt : reply.result)
                block->txns.push_back(parse_receipt(receipt));
            block->seen_at = std::chrono::steady_clock::now();
            return block;
        }
        if (reply.ok() || reply.error->error_class != rpc::ErrorClass::rpc)
            throw rpc::RpcException(reply.ok() ? rpc::make_bad_response("eth_getBlockReceipts did not return a list",
                                                                         reply.result.dump())
                                               : *reply.error);
        fallback_ = true;  // the node lacks the method: full blocks and receipts from here on
    }
    block->txns = fetch_by_hashes(number);
    block->seen_at = std::chrono::steady_clock::now();
    return block;
}

std::vector<IncludedTxn> BlockFollower::fetch_by_hashes(uint64_t number)
{
    const nlohmann::json header =
        client_->call_or_throw("eth_getBlockByNumber", nlohmann::json::array({quantity(number), false}));
    const nlohmann::json& hashes = header.at("transactions");
    std::vector<IncludedTxn> txns;
    for (size_t first = 0; first < hashes.size(); first += kReceiptBatch)
    {
        std::vector<rpc::Call> calls;
        for (size_t i = first; i < std::min(hashes.size(), first + kReceiptBatch); ++i)
            calls.emplace_back("eth_getTransactionReceipt", nlohmann::json::array({hashes[i]}));
        for (rpc::Reply& reply : client_->batch(calls))
        {
            if (!reply.ok())
                throw rpc::RpcException(*reply.error);
            if (!reply.result.is_null())
                txns.push_back(parse_receipt(reply.result));
        }
    }
    return txns;
}

}  // namespace zkload::engine
