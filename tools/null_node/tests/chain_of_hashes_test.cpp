// SPDX-License-Identifier: Apache-2.0
#include "chain_of_hashes.hpp"

#include "codec/keccak.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace zkload::null_node;

namespace {

Hash txn(uint8_t tag)
{
    Hash hash{};
    hash[0] = tag;
    hash[31] = 0xaa;
    return keccak256(hash);
}

}  // namespace

TEST(chain_of_hashes, block_hash_is_keccak_of_the_32_byte_number)
{
    // keccak256 of 32 zero bytes, a well-known constant.
    EXPECT_EQ(to_hex(ChainOfHashes::block_hash(0)),
              "0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563");
    Hash one{};
    one[31] = 1;
    EXPECT_EQ(ChainOfHashes::block_hash(1), keccak256(one));
}

TEST(chain_of_hashes, seals_pending_transactions_in_arrival_order)
{
    ChainOfHashes chain(1000);
    EXPECT_EQ(chain.latest_number(), 0u);
    ASSERT_TRUE(chain.add_pending(txn(1)));
    ASSERT_TRUE(chain.add_pending(txn(2)));
    EXPECT_FALSE(chain.find_included(txn(1))) << "pending is not included";
    EXPECT_EQ(chain.seal(1001), 1u);
    EXPECT_EQ(chain.seal(1002), 2u) << "an empty block is sealed too";

    const auto first = chain.block(1);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->transactions, (std::vector<Hash>{txn(1), txn(2)}));
    EXPECT_EQ(first->parent_hash, ChainOfHashes::block_hash(0));
    EXPECT_EQ(first->hash, ChainOfHashes::block_hash(1));
    EXPECT_EQ(first->timestamp, 1001u);
    EXPECT_TRUE(chain.block(2)->transactions.empty());
    EXPECT_FALSE(chain.block(3)) << "not sealed yet";

    const auto found = chain.find_included(txn(2));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->block->number, 1u);
    EXPECT_EQ(found->index, 1u);
}

TEST(chain_of_hashes, a_known_hash_is_refused_pending_or_sealed)
{
    ChainOfHashes chain(0);
    ASSERT_TRUE(chain.add_pending(txn(7)));
    EXPECT_FALSE(chain.add_pending(txn(7)));
    chain.seal(1);
    EXPECT_FALSE(chain.add_pending(txn(7)));
    EXPECT_TRUE(chain.block(1)->transactions.size() == 1);
}

TEST(chain_of_hashes, forgets_blocks_beyond_the_block_limit)
{
    ChainOfHashes chain(0, RetentionLimits{.max_blocks = 3, .max_transactions = 100});
    chain.add_pending(txn(1));
    chain.seal(1);  // block 1 holds txn 1
    chain.seal(2);
    chain.seal(3);
    ASSERT_TRUE(chain.block(1));
    EXPECT_TRUE(chain.find_included(txn(1)));
    chain.seal(4);
    EXPECT_FALSE(chain.block(1));
    EXPECT_FALSE(chain.find_included(txn(1)));
    EXPECT_TRUE(chain.add_pending(txn(1))) << "a forgotten hash is new again";
    EXPECT_TRUE(chain.block(4));
}

// Clients recognize a chain by its genesis hash (zkload's pool asks for block 0 before every
// run): a null node that had sealed more than max_blocks blocks used to answer null, and every
// later zkload run against it failed before its first row.
TEST(chain_of_hashes, keeps_the_genesis_block_when_it_forgets_old_blocks)
{
    ChainOfHashes chain(77, RetentionLimits{.max_blocks = 2, .max_transactions = 100});
    for (uint64_t t = 1; t <= 5; ++t)
        chain.seal(t);
    EXPECT_FALSE(chain.block(1));
    EXPECT_FALSE(chain.block(3));
    const auto genesis = chain.block(0);
    ASSERT_TRUE(genesis);
    EXPECT_EQ(genesis->number, 0u);
    EXPECT_EQ(genesis->hash, ChainOfHashes::block_hash(0));
    EXPECT_EQ(genesis->timestamp, 77u);
    EXPECT_TRUE(chain.block(5));
}

TEST(chain_of_hashes, forgets_blocks_beyond_the_transaction_limit_but_keeps_the_latest)
{
    ChainOfHashes chain(0, RetentionLimits{.max_blocks = 100, .max_transactions = 3});
    for (uint8_t i = 0; i < 3; ++i)
        chain.add_pending(txn(i));
    chain.seal(1);  // block 1: 3 transactions
    chain.add_pending(txn(10));
    chain.seal(2);  // block 2: 1 more, 4 in all: block 1 goes
    EXPECT_FALSE(chain.block(1));
    EXPECT_FALSE(chain.find_included(txn(0)));
    EXPECT_TRUE(chain.find_included(txn(10)));
    for (uint8_t i = 20; i < 25; ++i)
        chain.add_pending(txn(i));
    chain.seal(3);  // 5 transactions in one block: over the limit alone, still kept
    ASSERT_TRUE(chain.block(3));
    EXPECT_EQ(chain.block(3)->transactions.size(), 5u);
    EXPECT_FALSE(chain.block(2));
}
