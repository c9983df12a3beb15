// SPDX-License-Identifier: Apache-2.0
#include "chain_of_hashes.hpp"

#include "codec/keccak.hpp"

#include <cstring>

namespace zkload::null_node {

ChainOfHashes::ChainOfHashes(uint64_t genesis_timestamp, RetentionLimits limits)
    : limits_(limits)
{
    if (limits_.max_blocks == 0)
        limits_.max_blocks = 1;
    // Room for everything it keeps and a block's worth more, made now: rehashing a few hundred
    // thousand entries under the lock stalled every answer for tens of milliseconds, and a load
    // generator measured against it then saw a node hiccup that no node of ours had.
    locations_.reserve(limits_.max_transactions + limits_.max_transactions / 4);
    auto genesis = std::make_shared<SealedBlock>();
    genesis->hash = block_hash(0);
    genesis->timestamp = genesis_timestamp;
    genesis_ = genesis;
    blocks_.push_back(std::move(genesis));
}

size_t ChainOfHashes::HashOfHash::operator()(const Hash& hash) const noexcept
{
    size_t value = 0;
    std::memcpy(&value, hash.data(), sizeof(value));
    return value;
}

Hash ChainOfHashes::block_hash(uint64_t number)
{
    Hash word{};
    for (size_t i = 0; i < 8; ++i)
        word[31 - i] = static_cast<uint8_t>(number >> (8 * i));
    return keccak256(word);
}

bool ChainOfHashes::add_pending(const Hash& hash)
{
    std::lock_guard lock(mutex_);
    if (!locations_.try_emplace(hash, Location{kPending, 0}).second)
        return false;
    pending_.push_back(hash);
    ++accepted_;
    return true;
}

bool ChainOfHashes::knows(const Hash& hash) const
{
    std::lock_guard lock(mutex_);
    return locations_.count(hash) != 0;
}

uint64_t ChainOfHashes::accepted() const
{
    std::lock_guard lock(mutex_);
    return accepted_;
}

uint64_t ChainOfHashes::seal(uint64_t timestamp)
{
    auto sealed = std::make_shared<SealedBlock>();
    std::lock_guard lock(mutex_);
    const SealedBlock& parent = *blocks_.back();
    sealed->number = parent.number + 1;
    sealed->hash = block_hash(sealed->number);
    sealed->parent_hash = parent.hash;
    sealed->timestamp = timestamp;
    sealed->transactions.swap(pending_);
    pending_.reserve(sealed->transactions.size());
    for (size_t i = 0; i < sealed->transactions.size(); ++i)
        locations_[sealed->transactions[i]] = Location{sealed->number, static_cast<uint32_t>(i)};
    retained_transactions_ += sealed->transactions.size();
    const uint64_t number = sealed->number;
    blocks_.push_back(std::move(sealed));
    forget_oldest_while_over_limits();
    return number;
}

void ChainOfHashes::forget_oldest_while_over_limits()
{
    while (blocks_.size() > 1 && (blocks_.size() > limits_.max_blocks ||
                                  retained_transactions_ > limits_.max_transactions))
    {
        for (const Hash& hash : blocks_.front()->transactions)
            locations_.erase(hash);
        retained_transactions_ -= blocks_.front()->transactions.size();
        blocks_.pop_front();
    }
}

uint64_t ChainOfHashes::latest_number() const
{
    std::lock_guard lock(mutex_);
    return blocks_.back()->number;
}

std::shared_ptr<const SealedBlock> ChainOfHashes::block(uint64_t number) const
{
    if (number == 0)
        return genesis_;  // immutable from construction on: no lock needed
    std::lock_guard lock(mutex_);
    const uint64_t oldest = blocks_.front()->number;
    if (number < oldest || number - oldest >= blocks_.size())
        return nullptr;
    return blocks_[number - oldest];
}

std::optional<IncludedTxn> ChainOfHashes::find_included(const Hash& hash) const
{
    std::lock_guard lock(mutex_);
    const auto found = locations_.find(hash);
    if (found == locations_.end() || found->second.block == kPending)
        return std::nullopt;
    const uint64_t oldest = blocks_.front()->number;
    return IncludedTxn{blocks_[found->second.block - oldest], found->second.index};
}

}  // namespace zkload::null_node
