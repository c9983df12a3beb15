// SPDX-License-Identifier: Apache-2.0
#include "engine/block_follower.hpp"

#include <nlohmann/json.hpp>

namespace zkload::engine {
namespace {

constexpr size_t kReceiptBatch = 256;
/// How long the outcome thread retries one block's receipts before giving up on them.
constexpr auto kReceiptRetry = std::chrono::milliseconds(200);
constexpr int kReceiptAttempts = 50;

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

BlockFollower::BlockFollower(rpc::ClientOptions options, std::chrono::milliseconds poll_interval)
    : options_(std::move(options)), poll_interval_(poll_interval)
{
}

BlockFollower::~BlockFollower()
{
    stopping_ = true;
    {
        std::lock_guard lock(mutex_);
        heads_done_ = true;
        queue_.clear();
    }
    queued_.notify_all();
    if (head_thread_.joinable())
        head_thread_.join();
    if (outcome_thread_.joinable())
        outcome_thread_.join();
}

void BlockFollower::start()
{
    head_client_ = std::make_unique<rpc::Client>(options_);
    next_block_ = head_client_->block_number() + 1;
    head_thread_ = std::thread([this] { follow_heads(); });
    outcome_thread_ = std::thread([this] { follow_outcomes(); });
}

void BlockFollower::stop()
{
    stopping_ = true;
    if (head_thread_.joinable())
        head_thread_.join();
    if (outcome_thread_.joinable())
        outcome_thread_.join();
}

std::optional<std::string> BlockFollower::last_error() const
{
    std::lock_guard lock(mutex_);
    return last_error_;
}

void BlockFollower::note_error(const std::exception& e)
{
    errors_.fetch_add(1);
    std::lock_guard lock(mutex_);
    last_error_ = e.what();
}

void BlockFollower::follow_heads()
{
    while (!stopping_.load())
    {
        const auto next_poll = std::chrono::steady_clock::now() + poll_interval_;
        catch_up();
        std::this_thread::sleep_until(next_poll);
    }
    catch_up();
    {
        std::lock_guard lock(mutex_);
        heads_done_ = true;
    }
    queued_.notify_all();
}

void BlockFollower::catch_up()
{
    try
    {
        const uint64_t head = head_client_->block_number();
        for (; next_block_ <= head; ++next_block_)
        {
            const nlohmann::json header = head_client_->call_or_throw(
                "eth_getBlockByNumber", nlohmann::json::array({to_quantity(next_block_), false}));
            auto block = std::make_shared<SeenBlock>();
            block->number = next_block_;
            for (const auto& hash : header.at("transactions"))
                block->hashes.push_back(parse_hash(hash.get<std::string>()));
            block->seen_at = std::chrono::steady_clock::now();
            blocks_.append(block);
            blocks_seen_.fetch_add(1);
            {
                std::lock_guard lock(mutex_);
                queue_.push_back(std::move(block));
            }
            queued_.notify_one();
        }
    }
    catch (const std::exception& e)
    {
        note_error(e);
    }
}

void BlockFollower::follow_outcomes()
{
    rpc::Client client(options_);
    for (;;)
    {
        std::shared_ptr<const SeenBlock> block;
        {
            std::unique_lock lock(mutex_);
            queued_.wait(lock, [this] { return !queue_.empty() || heads_done_; });
            if (queue_.empty())
                return;  // the head thread ended and everything queued is done
            block = std::move(queue_.front());
            queue_.pop_front();
        }
        auto outcome = std::make_shared<BlockOutcome>();
        outcome->number = block->number;
        for (int attempt = 0; !block->hashes.empty(); ++attempt)
        {
            try
            {
                outcome->txns = fetch_receipts(client, *block);
                break;
            }
            catch (const std::exception& e)
            {
                note_error(e);
                if (attempt + 1 >= kReceiptAttempts || stopping_.load())
                    break;  // an empty outcome: the engines count these transactions without a status
                std::this_thread::sleep_for(kReceiptRetry);
            }
        }
        outcomes_.append(std::move(outcome));
    }
}

std::vector<IncludedTxn> BlockFollower::fetch_receipts(rpc::Client& client, const SeenBlock& block)
{
    std::vector<IncludedTxn> txns;
    if (!fallback_.load())
    {
        rpc::Reply reply = client.call("eth_getBlockReceipts", nlohmann::json::array({to_quantity(block.number)}));
        if (reply.ok() && reply.result.is_array())
        {
            for (const auto& receipt : reply.result)
                txns.push_back(parse_receipt(receipt));
            return txns;
        }
        if (reply.ok() || reply.error->error_class != rpc::ErrorClass::rpc)
            throw rpc::RpcException(reply.ok() ? rpc::make_bad_response("eth_getBlockReceipts did not return a list",
                                                                        reply.result.dump())
                                               : *reply.error);
        fallback_ = true;  // the node lacks the method: receipts one by one (batched) from here on
    }
    for (size_t first = 0; first < block.hashes.size(); first += kReceiptBatch)
    {
        std::vector<rpc::Call> calls;
        for (size_t i = first; i < std::min(block.hashes.size(), first + kReceiptBatch); ++i)
            calls.emplace_back("eth_getTransactionReceipt", nlohmann::json::array({to_hex(block.hashes[i])}));
        for (rpc::Reply& reply : client.batch(calls))
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
