// SPDX-License-Identifier: Apache-2.0
#include "engine/driver.hpp"
#include "engine/row.hpp"
#include "engine/wallet_book.hpp"

#include <gtest/gtest.h>

namespace zkload::engine {
namespace {

using namespace std::chrono;

TEST(Schedule, ConstantRateStartsAreExactlyEvenlySpaced)
{
    const auto start = steady_clock::time_point{};
    Schedule s(start, 3000.0, false, 1);  // 333,333.3 ns apart: the carry keeps the sum exact
    for (int i = 0; i < 3000; ++i)
        s.advance();
    EXPECT_EQ(s.next() - start, seconds(1));
}

TEST(Schedule, PoissonArrivalsHaveTheRequestedMeanRate)
{
    const auto start = steady_clock::time_point{};
    Schedule s(start, 1000.0, true, 7);
    const int n = 50'000;
    for (int i = 0; i < n; ++i)
        s.advance();
    const double seconds_taken = duration<double>(s.next() - start).count();
    EXPECT_NEAR(n / seconds_taken, 1000.0, 20.0);
}

TEST(OpenLoopHold, WaitsForABatchToFillButNeverPastHalfTheLatenessAllowance)
{
    using std::chrono::microseconds;
    const microseconds late(1000);
    // 40,000/s: a batch of 16 fills in 15 gaps of 25 us, under the 500 us cap.
    EXPECT_EQ(open_loop_hold(microseconds(25), 16, late), microseconds(375));
    // 16,000/s: 15 gaps of 62.5 us would be 937.5 us: the cap.
    EXPECT_EQ(open_loop_hold(std::chrono::nanoseconds(62'500), 16, late), microseconds(500));
    // 4,000/s: 15 gaps are 3.75 ms; the cap, 500 us, holds a start for the next two.
    EXPECT_EQ(open_loop_hold(microseconds(250), 16, late), microseconds(500));
    // 2,000/s: the next start comes just within the hold.
    EXPECT_EQ(open_loop_hold(microseconds(500), 16, late), microseconds(500));
    // 1,000/s: none would: no hold, which would only delay each start.
    EXPECT_EQ(open_loop_hold(microseconds(1000), 16, late), microseconds(0));
    // One transaction a request: nothing to share.
    EXPECT_EQ(open_loop_hold(microseconds(250), 1, late), microseconds(0));
    EXPECT_EQ(open_loop_hold(microseconds(250), 0, late), microseconds(0));
}

TEST(Share, SplitsWithoutLosingAnyOperation)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < 7; ++i)
        sum += share(1000, 7, i);
    EXPECT_EQ(sum, 1000u);
    EXPECT_EQ(share(1000, 7, 0), 143u);
    EXPECT_EQ(share(1000, 7, 6), 142u);
}

TEST(WalletBook, CapsPendingPerWalletAndResyncVoidsEarlierSignatures)
{
    WalletBook book({5, 9}, 2);
    EXPECT_EQ(book.take_nonce(0), 5u);
    book.sent(0);
    EXPECT_FALSE(book.can_send(0));  // its send awaits the node's answer
    book.answered(0);
    book.sent(0);
    book.answered(0);
    EXPECT_FALSE(book.can_send(0));  // two await a block
    book.settled(0);
    EXPECT_TRUE(book.can_send(0));
    const uint64_t epoch = book.epoch(1);
    EXPECT_TRUE(book.begin_resync(1));
    EXPECT_FALSE(book.begin_resync(1));  // one re-read at a time
    EXPECT_FALSE(book.can_send(1));
    book.end_resync(1, 42);
    EXPECT_NE(book.epoch(1), epoch);
    EXPECT_EQ(book.take_nonce(1), 42u);
    EXPECT_TRUE(book.can_send(1));
}

}  // namespace
}  // namespace zkload::engine
