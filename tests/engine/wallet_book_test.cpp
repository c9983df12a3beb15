// SPDX-License-Identifier: Apache-2.0
// The per-wallet rules that keep nonces in order: one unanswered request, a pending cap that
// only shrinks, nothing new while re-sending or re-reading the nonce; and the caps nodes allow.
#include "engine/pending_cap.hpp"
#include "engine/wallet_book.hpp"

#include <gtest/gtest.h>

namespace zkload::engine {
namespace {

TEST(WalletBook, AWalletWithAnUnansweredSendIsNotHandedOutAgain)
{
    WalletBook book({0, 0, 0}, 16);
    EXPECT_EQ(book.take_ready(), 0);
    book.sent(0);
    EXPECT_EQ(book.take_ready(), 1);
    book.sent(1);
    EXPECT_EQ(book.take_ready(), 2);
    book.sent(2);
    EXPECT_EQ(book.take_ready(), -1);  // every wallet awaits an answer
    book.answered(1);
    EXPECT_EQ(book.take_ready(), 1);  // in the order they became ready
    book.sent(1);
    book.answered(2);
    book.answered(0);
    EXPECT_EQ(book.take_ready(), 2);
    EXPECT_EQ(book.take_ready(), 0);
    EXPECT_EQ(book.pending(1), 2u);
}

TEST(WalletBook, ThePendingCapHoldsAWalletBackUntilABlockSettlesOne)
{
    WalletBook book({7}, 2);
    for (int i = 0; i < 2; ++i)
    {
        ASSERT_EQ(book.take_ready(), 0);
        EXPECT_EQ(book.take_nonce(0), 7u + static_cast<uint64_t>(i));
        book.sent(0);
        book.answered(0);
    }
    EXPECT_EQ(book.take_ready(), -1);  // two await a block
    book.settled(0);
    EXPECT_EQ(book.take_ready(), 0);
}

TEST(WalletBook, TheCapOnlyShrinksAndNeverBelowOne)
{
    WalletBook book({0}, 50);
    book.shrink_cap(shrunk_cap(book.cap(), 20));
    EXPECT_EQ(book.cap(), 20u);
    book.shrink_cap(shrunk_cap(book.cap(), 30));
    EXPECT_EQ(book.cap(), 20u);
    book.shrink_cap(shrunk_cap(book.cap(), 0));
    EXPECT_EQ(book.cap(), 1u);
}

TEST(WalletBook, NothingNewWhileReSendingOrResyncing)
{
    WalletBook book({0, 0}, 16);
    book.begin_resending(0);
    book.begin_resync(1);
    EXPECT_EQ(book.take_ready(), -1);
    book.end_resending(0);
    EXPECT_EQ(book.take_ready(), 0);
    book.end_resync(1, 42);
    EXPECT_EQ(book.take_ready(), 1);
    EXPECT_EQ(book.take_nonce(1), 42u);
    EXPECT_EQ(book.epoch(1), 1u);
}

TEST(PendingCap, WhatEachNodeKindAllowsPerAccount)
{
    EXPECT_EQ(node_pending_allowance("anvil/v1.7.1", false), kUnlimitedPendingAllowance);
    EXPECT_EQ(node_pending_allowance("zkload-null-node/0.1.0", false), kUnlimitedPendingAllowance);
    EXPECT_EQ(node_pending_allowance("zkSync/v2.0", true), 50u);
    EXPECT_EQ(node_pending_allowance("anvil-zksync/v0.6.0", true), 50u);  // a zkSync chain's rule
    EXPECT_EQ(node_pending_allowance("Geth/v1.14.11-stable/linux-amd64/go1.23.2", false), 16u);
    EXPECT_EQ(node_pending_allowance("reth/v1.1.0", false), 16u);
    EXPECT_EQ(node_pending_allowance("", false), 16u);
    EXPECT_TRUE(means_too_many_pending(rpc::ErrorClass::nonce_too_high));
    EXPECT_TRUE(means_too_many_pending(rpc::ErrorClass::pool_full));
    EXPECT_FALSE(means_too_many_pending(rpc::ErrorClass::nonce_too_low));
    EXPECT_FALSE(means_too_many_pending(rpc::ErrorClass::transport));
}

}  // namespace
}  // namespace zkload::engine
