// SPDX-License-Identifier: Apache-2.0
#include "engine/nonce_ordered_hashes.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <random>

using zkload::Hash;
using zkload::engine::NonceOrderedHashes;

namespace {

Hash hash_of(uint32_t n)
{
    Hash h{};
    for (size_t i = 0; i < 4; ++i)
        h[i] = static_cast<uint8_t>(n >> (8 * i));
    h[31] = 0x5a;
    return h;
}

std::vector<Hash> held(const NonceOrderedHashes& q)
{
    return {q.begin(), q.end()};
}

}  // namespace

TEST(nonce_ordered_hashes, keeps_nonce_order_through_settles_from_the_front_and_the_middle)
{
    NonceOrderedHashes q;
    EXPECT_TRUE(q.empty());
    EXPECT_FALSE(q.erase(hash_of(1)));
    for (uint32_t n = 0; n < 5; ++n)
        q.push_back(hash_of(n));
    EXPECT_TRUE(q.erase(hash_of(0)));   // the oldest
    EXPECT_TRUE(q.erase(hash_of(3)));   // one behind it (refused by the node)
    EXPECT_FALSE(q.erase(hash_of(3)));  // already gone
    EXPECT_FALSE(q.erase(hash_of(9)));  // never held
    EXPECT_EQ(held(q), (std::vector<Hash>{hash_of(1), hash_of(2), hash_of(4)}));
    EXPECT_EQ(q.front(), hash_of(1));
    q.pop_front();
    q.pop_front();
    q.pop_front();
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.size(), 0u);
}

TEST(nonce_ordered_hashes, a_wallet_never_drained_holds_what_it_has_pending_not_all_it_sent)
{
    // A wallet under steady load always has a few pending: the taken prefix must not pile up.
    NonceOrderedHashes q;
    std::deque<Hash> model;
    std::mt19937 random(7);
    uint32_t next = 0;
    size_t peak = 0;  // the most held at once
    for (int step = 0; step < 200'000; ++step)
    {
        if (model.size() < 3 || random() % 2 == 0)
        {
            q.push_back(hash_of(next));
            model.push_back(hash_of(next++));
        }
        else if (random() % 10 == 0)
        {
            // Out of order: the second oldest.
            const Hash h = model[1];
            ASSERT_TRUE(q.erase(h));
            model.erase(model.begin() + 1);
        }
        else
        {
            ASSERT_TRUE(q.erase(model.front()));
            model.pop_front();
        }
        ASSERT_EQ(q.size(), model.size());
        ASSERT_EQ(q.front(), model.front());
        peak = std::max(peak, model.size());
        ASSERT_LE(q.stored(), 2 * peak + 16) << "after " << next << " pushed";
    }
    EXPECT_TRUE(std::equal(q.begin(), q.end(), model.begin(), model.end()));
    // What stays behind the head is bounded by what is held (at most as much again, or 16).
    NonceOrderedHashes probe;
    for (uint32_t n = 0; n < 100'000; ++n)
    {
        probe.push_back(hash_of(n));
        if (n >= 4)
            probe.pop_front();
    }
    EXPECT_EQ(probe.size(), 4u);
    EXPECT_LE(probe.stored(), 2 * probe.size() + 16);
    EXPECT_EQ(probe.front(), hash_of(99'996));
}
