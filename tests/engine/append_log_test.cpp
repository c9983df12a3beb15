// SPDX-License-Identifier: Apache-2.0
// The follower's logs keep an entry only until every reader has moved past it, so a row's memory
// follows its slowest reader, not its length; a log that keeps everything (deferred receipts)
// drops nothing.
#include "engine/append_log.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

namespace zkload::engine {
namespace {

using Log = AppendLog<int>;

void append(Log& log, int from, int to)
{
    for (int v = from; v < to; ++v)
        log.append(std::make_shared<const int>(v));
}

std::vector<int> values(const std::vector<std::shared_ptr<const int>>& entries)
{
    std::vector<int> out;
    for (const auto& e : entries)
        out.push_back(*e);
    return out;
}

TEST(AppendLog, DropsWhatEveryReaderHasPassed)
{
    Log log(2);
    append(log, 0, 5);
    std::vector<std::shared_ptr<const int>> got;
    size_t a = log.read_from(0, 0, got);
    EXPECT_EQ(a, 5u);
    EXPECT_EQ(values(got), (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_EQ(log.kept(), 5u);  // reader 1 has read nothing yet
    got.clear();
    size_t b = log.read_from(1, 0, got);
    EXPECT_EQ(b, 5u);
    EXPECT_EQ(log.kept(), 5u);  // a read passes only the entries before its `from`
    append(log, 5, 8);
    got.clear();
    a = log.read_from(0, a, got);
    EXPECT_EQ(values(got), (std::vector<int>{5, 6, 7}));
    EXPECT_EQ(log.kept(), 8u);  // reader 1 has not said it is done with any
    got.clear();
    b = log.read_from(1, 7, got);  // reader 1 is done with 0..6 and reads from 7 on
    EXPECT_EQ(values(got), (std::vector<int>{7}));
    EXPECT_EQ(b, 8u);
    EXPECT_EQ(log.kept(), 3u);  // 5, 6, 7: reader 0 is done with 0..4 only
    EXPECT_EQ(log.size(), 8u);
    got.clear();
    log.read_from(0, 8, got);
    EXPECT_TRUE(got.empty());
    EXPECT_EQ(log.kept(), 1u);  // entry 7: reader 1 is still before it
}

TEST(AppendLog, AReaderBehindKeepsWhatItHasNotRead)
{
    Log log(3);
    append(log, 0, 1000);
    std::vector<std::shared_ptr<const int>> got;
    log.read_from(0, 1000, got);
    log.read_from(1, 1000, got);
    EXPECT_EQ(log.kept(), 1000u);
    log.read_from(2, 600, got);
    EXPECT_EQ(log.kept(), 400u);
    EXPECT_EQ(values(got), [] {
        std::vector<int> v;
        for (int i = 600; i < 1000; ++i)
            v.push_back(i);
        return v;
    }());
}

TEST(AppendLog, KeepsEverythingWhenAskedTo)
{
    Log log(1, AppendLog<int>::Keep::all);
    append(log, 0, 10);
    std::vector<std::shared_ptr<const int>> got;
    log.read_from(0, 10, got);
    EXPECT_EQ(log.kept(), 10u);
    got.clear();
    log.read_all(got);
    EXPECT_EQ(got.size(), 10u);
}

TEST(AppendLog, ReadAllRefusesALogThatDrops)
{
    Log log(1);
    std::vector<std::shared_ptr<const int>> got;
    EXPECT_THROW(log.read_all(got), std::logic_error);
    EXPECT_THROW(log.read_from(1, 0, got), std::out_of_range);
    append(log, 0, 3);
    log.read_from(0, 2, got);
    EXPECT_THROW(log.read_from(0, 1, got), std::logic_error);  // a reader never goes back
}

TEST(AppendLog, ReadersOnOtherThreadsSeeEveryEntryOnceInOrder)
{
    constexpr int kEntries = 20000;
    Log log(4);
    std::vector<std::vector<int>> seen(4);
    std::vector<std::thread> readers;
    for (size_t r = 0; r < 4; ++r)
        readers.emplace_back([&, r] {
            size_t cursor = 0;
            std::vector<std::shared_ptr<const int>> got;
            while (cursor < kEntries)
            {
                got.clear();
                cursor = log.read_from(r, cursor, got);
                for (const auto& e : got)
                    seen[r].push_back(*e);
            }
        });
    append(log, 0, kEntries);
    for (auto& t : readers)
        t.join();
    for (const auto& s : seen)
    {
        ASSERT_EQ(s.size(), static_cast<size_t>(kEntries));
        for (int i = 0; i < kEntries; ++i)
            ASSERT_EQ(s[i], i);
    }
}

}  // namespace
}  // namespace zkload::engine
