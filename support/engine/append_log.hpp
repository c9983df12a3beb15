// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkload::engine {

/// A list written by one thread and read by a fixed number of readers, each at its own place:
/// a reader takes the entries past its cursor under a short lock. Entries are numbered from 0 in
/// the order appended; an entry every reader has passed is dropped, so the log holds only what
/// its slowest reader has not read yet (a row's memory follows what is in flight, not its
/// length), unless it keeps everything for a reading after the row (Keep::all).
template <typename T>
class AppendLog
{
public:
    enum class Keep
    {
        unread,
        all,
    };

    explicit AppendLog(size_t readers, Keep keep = Keep::unread) : passed_(readers, 0), keep_(keep) {}

    void append(std::shared_ptr<const T> entry)
    {
        std::lock_guard lock(mutex_);
        entries_.push_back(std::move(entry));
        size_.store(first_ + entries_.size(), std::memory_order_release);
    }

    /// Entries appended so far (dropped ones too).
    size_t size() const noexcept { return size_.load(std::memory_order_acquire); }

    /// Entries held now.
    size_t kept() const
    {
        std::lock_guard lock(mutex_);
        return entries_.size();
    }

    /// Reader `reader` is done with every entry before `from` (they may be dropped) and gets
    /// the entries from `from` on appended to `out`; returns the new end (size()).
    size_t read_from(size_t reader, size_t from, std::vector<std::shared_ptr<const T>>& out)
    {
        std::lock_guard lock(mutex_);
        size_t& passed = passed_.at(reader);
        if (from < passed)
            throw std::logic_error("an append-log reader went back to entry " + std::to_string(from) +
                                   " after passing " + std::to_string(passed));
        passed = from;
        if (from < first_)
            throw std::logic_error("an append-log entry was dropped before its reader took it");
        for (size_t i = from - first_; i < entries_.size(); ++i)
            out.push_back(entries_[i]);
        drop_passed();
        return first_ + entries_.size();
    }

    /// Every entry, for a reading after the row: only a log that keeps them all.
    void read_all(std::vector<std::shared_ptr<const T>>& out) const
    {
        if (keep_ != Keep::all)
            throw std::logic_error("read_all() on an append log that drops what its readers passed");
        std::lock_guard lock(mutex_);
        out.insert(out.end(), entries_.begin(), entries_.end());
    }

private:
    void drop_passed()
    {
        if (keep_ == Keep::all)
            return;
        size_t lowest = passed_.empty() ? first_ : passed_.front();
        for (const size_t p : passed_)
            lowest = std::min(lowest, p);
        while (first_ < lowest && !entries_.empty())
        {
            entries_.pop_front();
            ++first_;
        }
    }

    mutable std::mutex mutex_;
    std::deque<std::shared_ptr<const T>> entries_;
    size_t first_ = 0;  // the number of entries_.front()
    std::vector<size_t> passed_;
    Keep keep_;
    std::atomic<size_t> size_{0};
};

}  // namespace zkload::engine
