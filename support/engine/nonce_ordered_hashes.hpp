// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace zkload::engine {

/// One wallet's pending transaction hashes in nonce order, oldest first. A chain includes a
/// wallet's transactions in nonce order, so the one settled is nearly always the oldest: it is
/// taken by moving `head_`, not by shifting (and comparing) every hash behind it as a vector's
/// erase did; the consumed prefix is dropped once it is at least half of what is held.
class NonceOrderedHashes
{
public:
    bool empty() const noexcept { return head_ == items_.size(); }
    size_t size() const noexcept { return items_.size() - head_; }
    /// Hashes in memory, the taken ones not yet dropped included.
    size_t stored() const noexcept { return items_.size(); }
    const Hash& front() const noexcept { return items_[head_]; }
    std::vector<Hash>::const_iterator begin() const noexcept { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
    std::vector<Hash>::const_iterator end() const noexcept { return items_.end(); }

    void push_back(const Hash& hash)
    {
        if (head_ >= kCompactFrom && 2 * head_ >= items_.size())
        {
            items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
            head_ = 0;
        }
        items_.push_back(hash);
    }

    void pop_front() noexcept
    {
        if (++head_ == items_.size())
        {
            items_.clear();
            head_ = 0;
        }
    }

    /// Removes `hash`, the oldest or one behind it; false when it is not held.
    bool erase(const Hash& hash)
    {
        if (empty())
            return false;
        if (front() == hash)
        {
            pop_front();
            return true;
        }
        const auto it = std::find(begin(), end(), hash);
        if (it == end())
            return false;
        items_.erase(it);
        return true;
    }

private:
    /// Below this many taken from the front, nothing is moved: most wallets hold a few.
    static constexpr size_t kCompactFrom = 16;

    std::vector<Hash> items_;
    size_t head_ = 0;
};

}  // namespace zkload::engine
