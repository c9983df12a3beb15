// SPDX-License-Identifier: Apache-2.0
#include "engine/block_follower.hpp"

#include "engine/block_relay.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace zkload::engine {
namespace {

/// How long the outcome thread retries one block's receipts before giving up on them.
constexpr auto kReceiptRetry = std::chrono::milliseconds(200);
constexpr int kReceiptAttempts = 50;
/// Times start() asks for the head before it reports the node unreachable.
constexpr int kStartAttempts = 5;
/// Blocks before the head that the interval estimate spans, and the fewest it needs: on a chain
/// of three blocks one mined at once decides the median.
constexpr uint64_t kEstimateSpan = 10;
constexpr size_t kMinEstimateBlocks = 6;

}  // namespace

std::optional<std::chrono::microseconds> interval_from_timestamps(const std::vector<uint64_t>& timestamps)
{
    if (timestamps.size() < kMinEstimateBlocks)
        return std::nullopt;
    std::vector<double> gaps;
    for (size_t i = 1; i < timestamps.size(); ++i)
        gaps.push_back(timestamps[i] > timestamps[i - 1] ? static_cast<double>(timestamps[i] - timestamps[i - 1]) : 0.0);
    std::sort(gaps.begin(), gaps.end());
    const size_t mid = gaps.size() / 2;
    double seconds = gaps.size() % 2 == 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
    if (seconds <= 0 && timestamps.back() > timestamps.front())
        seconds = static_cast<double>(timestamps.back() - timestamps.front()) / static_cast<double>(gaps.size());
    if (seconds <= 0)
        return std::nullopt;
    return std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6));
}

BlockFollower::BlockFollower(rpc::ClientOptions options, std::chrono::milliseconds poll_interval, bool live_receipts,
                             size_t readers, cluster::Cluster* relay)
    : options_(std::move(options)),
      poll_interval_(poll_interval),
      live_receipts_(live_receipts),
      relay_(relay != nullptr && relay->size() > 1 ? relay : nullptr),
      blocks_(readers, live_receipts ? BlockLog::Keep::unread : BlockLog::Keep::all),
      outcomes_(readers)
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
    const bool reads_node = relay_ == nullptr || relay_->rank() == 0;
    RelayStart here;
    try
    {
        if (reads_node)
        {
            // A node that answers one call late (a stall, a burst of sends ahead of it) is not
            // gone: asked a few times before the row gives up on it.
            uint64_t head = 0;
            for (int attempt = 1;; ++attempt)
            {
                try
                {
                    head = head_client_->block_number();
                    break;
                }
                catch (const std::exception&)
                {
                    if (attempt >= kStartAttempts)
                        throw;
                    std::this_thread::sleep_for(kReceiptRetry);
                }
            }
            next_block_ = head + 1;
            // No timestamps to read (a stub, a node that prunes): keep the 1 s guess.
            if (const auto interval = observed_block_interval(*head_client_, head))
                interval_estimate_ = *interval;
            here = {.next_block = next_block_, .interval_us = interval_estimate_.count()};
        }
    }
    catch (const std::exception& e)
    {
        if (relay_ == nullptr)
            throw;
        here.error = e.what();
    }
    if (relay_ != nullptr)
    {
        // Every rank follows from the block rank 0 starts at, with its interval estimate.
        const RelayStart shared = decode_start(relay_->broadcast(encode(here)));
        if (!shared.error.empty())
            throw std::runtime_error("rank 0 could not start following blocks: " + shared.error);
        next_block_ = shared.next_block;
        interval_estimate_ = std::chrono::microseconds(shared.interval_us);
    }
    head_thread_ = std::thread([this] { relay_ != nullptr ? follow_relayed() : follow_heads(); });
    if (live_receipts_)
        outcome_thread_ = std::thread([this] { follow_outcomes(); });
}

std::optional<std::chrono::microseconds> observed_block_interval(rpc::Client& client, uint64_t head)
{
    if (head == 0)
        return std::nullopt;
    const uint64_t from = head > kEstimateSpan ? head - kEstimateSpan : 0;
    // One call a block, not a batch: the estimate must not depend on the node taking batches.
    std::vector<uint64_t> timestamps;
    for (uint64_t n = from; n <= head; ++n)
    {
        const rpc::Reply reply = client.call("eth_getBlockByNumber", nlohmann::json::array({to_quantity(n), false}));
        if (!reply.ok() || !reply.result.is_object())
            return std::nullopt;
        const auto stamp = reply.result.find("timestamp");
        if (stamp == reply.result.end() || !stamp->is_string())
            return std::nullopt;
        const std::optional<uint64_t> seconds = parse_quantity(stamp->get<std::string>());
        if (!seconds)
            return std::nullopt;
        timestamps.push_back(*seconds);
    }
    return interval_from_timestamps(timestamps);
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

void BlockFollower::follow_relayed()
{
    const bool source = relay_->rank() == 0;
    for (;;)
    {
        const auto next_poll = std::chrono::steady_clock::now() + poll_interval_;
        RelayTick tick;
        std::vector<std::shared_ptr<SeenBlock>> fresh;
        if (source)
            fresh = catch_up();
        // Every rank says whether it is done; once all are, the source reads the chain a last
        // time and the tick ends following everywhere.
        tick.end = relay_->all(stopping_.load());
        if (source)
        {
            if (tick.end)
                for (auto& block : catch_up())
                    fresh.push_back(std::move(block));
            for (const auto& block : fresh)
                tick.blocks.emplace_back(block->number, block->hashes);
        }
        tick = decode_tick(relay_->broadcast(source ? encode(tick) : Bytes{}));
        if (!source)
            for (auto& [number, hashes] : tick.blocks)
            {
                auto block = std::make_shared<SeenBlock>();
                block->number = number;
                block->hashes = std::move(hashes);
                block->seen_at = std::chrono::steady_clock::now();
                publish(std::move(block));
            }
        if (tick.end)
            break;
        // Every rank sleeps between ticks: a rank waiting inside an MPI collective spins a core
        // (Open MPI polls), so the others wait there only while the source reads the node.
        std::this_thread::sleep_until(next_poll);
    }
    {
        std::lock_guard lock(mutex_);
        heads_done_ = true;
    }
    queued_.notify_all();
}

void BlockFollower::publish(std::shared_ptr<SeenBlock> block)
{
    blocks_.append(block);
    sightings_.push_back({.number = block->number, .seen_at = block->seen_at});
    blocks_seen_.fetch_add(1);
    if (!live_receipts_)
        return;
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(block));
    }
    queued_.notify_one();
}

std::vector<std::shared_ptr<SeenBlock>> BlockFollower::catch_up()
{
    std::vector<std::shared_ptr<SeenBlock>> fresh;
    try
    {
        const uint64_t head = head_client_->block_number();
        for (; next_block_ <= head; ++next_block_)
        {
            std::optional<std::vector<Hash>> hashes = head_client_->block_hashes(next_block_);
            if (!hashes)
                break;  // the head moved on but this block is not served yet: the next poll reads it
            auto block = std::make_shared<SeenBlock>();
            block->number = next_block_;
            block->hashes = std::move(*hashes);
            block->seen_at = std::chrono::steady_clock::now();
            fresh.push_back(block);
            publish(std::move(block));
        }
    }
    catch (const std::exception& e)
    {
        note_error(e);
    }
    return fresh;
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
                outcome->txns = receipts_.read(client, block->number, block->hashes);
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

}  // namespace zkload::engine
