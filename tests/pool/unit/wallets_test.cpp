// SPDX-License-Identifier: Apache-2.0
#include "pool/wallets.hpp"
#include "txn/ecdsa.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

using namespace zkload;
using namespace zkload::pool;

namespace {

/// Expected values computed independently with the pinned ethers 6.15.0 (tools/node):
///   s = keccak256(toUtf8Bytes(seed)); key = keccak256(concat([s, zeroPadValue(toBeHex(i), 32)]))
///   address = new Wallet(key).address (lower-cased)
/// e.g. node -e 'const e = require("ethers"); ...' run in tools/node.
struct KnownWallet
{
    const char* seed;
    uint64_t index;
    const char* key;
    const char* address;
};

const KnownWallet kKnown[] = {
    {"zkload-default", 0, "0x7734dc1b3d294bf664fdb2cbe6632a8c78e314ec55f786d3842e11bc68201673",
     "0xa64d279e3b082e2376030074209524b0e2c31bd3"},
    {"zkload-default", 1, "0x3695bf81dfda06023e22248c91285d881b05edf8f84ad8e23de49b68393c0a2d",
     "0x680958cf093de9f84c8bc7b48ade2364b0de6144"},
    {"zkload-default", 99999, "0x7ebd41e142f8b94fdf55615c1279528ddda991952ed8400be069ef47edc4f6ef",
     "0xe306d5c742b83d74737f615b2666652959cdf15c"},
    {"my seed \xe2\x9c\x93", UINT64_MAX,
     "0xec1da024c371331d2d91bdc8e92eb881e09084feef1069e0d88ba26cc93ab13e",
     "0xcaf5ec1230c3fe1ca9043a61ac714596b45c289a"},
};

/// Keys the predicate below pretends are invalid, to drive the re-hash path.
std::vector<PrivateKey> g_rejected;

bool valid_unless_rejected(const PrivateKey& key)
{
    return is_valid_private_key(key) &&
           std::find(g_rejected.begin(), g_rejected.end(), key) == g_rejected.end();
}

bool never_valid(const PrivateKey&)
{
    return false;
}

}  // namespace

TEST(pool_wallets, key_derivation_matches_ethers)
{
    for (const auto& known : kKnown)
    {
        const PrivateKey key = wallet_key(known.seed, known.index);
        EXPECT_EQ(to_hex(key), known.key) << known.seed << " #" << known.index;
        EXPECT_EQ(to_hex(address_of(key)), known.address) << known.seed << " #" << known.index;
        const auto wallets = derive_wallets(known.seed, known.index, 1);
        ASSERT_EQ(wallets.size(), 1u);
        EXPECT_EQ(to_hex(wallets[0].address), known.address);
    }
    EXPECT_EQ(to_hex(seed_hash(kDefaultSeedName)),
              "0xc61c08029cab4df6718464243da1fd85e12a2703133b9c6acfc1f3d6bccbdcce");
}

TEST(pool_wallets, invalid_candidates_are_rehashed_with_a_counter)
{
    /// ethers: keccak256(concat([s, zeroPadValue(toBeHex(7), 32), zeroPadValue(toBeHex(c), 32)]))
    /// for c = 1 and 2, with s the seed hash of "zkload-default".
    const Hash seed = seed_hash("zkload-default");
    const PrivateKey first = wallet_key(seed, 7);
    EXPECT_EQ(to_hex(first), "0x71a94f82fc4257603b3cd622ef4c226a33e94cd002ee62f823a1ebd8723ece1f");
    g_rejected = {first};
    EXPECT_EQ(to_hex(detail::first_valid_key(seed, 7, &valid_unless_rejected)),
              "0x8a8846d3cff02b99cbdb7bd4ef473078a8dda82fe691c808db35928a3a08f967");
    g_rejected.push_back(
        parse_fixed_hex<32>("0x8a8846d3cff02b99cbdb7bd4ef473078a8dda82fe691c808db35928a3a08f967"));
    EXPECT_EQ(to_hex(detail::first_valid_key(seed, 7, &valid_unless_rejected)),
              "0x7194ef61aa3d8a45c39d0204eacb894484b4fe2dd913c9eabcf6e44d5ca02a74");
    g_rejected.clear();
    EXPECT_THROW(detail::first_valid_key(seed, 7, &never_valid), std::logic_error);
}

TEST(pool_wallets, thread_count_does_not_change_the_wallets)
{
    const auto one = derive_wallets("zkload-threads", 0, 10'007, 1);
    const auto four = derive_wallets("zkload-threads", 0, 10'007, 4);
    const auto three = derive_wallets("zkload-threads", 0, 10'007, 3);
    const auto all_cores = derive_wallets("zkload-threads", 0, 10'007);
    ASSERT_EQ(one.size(), 10'007u);
    EXPECT_TRUE(one == four);
    EXPECT_TRUE(one == three);
    EXPECT_TRUE(one == all_cores);
    const auto slice = derive_wallets("zkload-threads", 5'000, 4'100, 4);
    EXPECT_TRUE(std::equal(slice.begin(), slice.end(), one.begin() + 5'000));
    for (size_t i = 0; i < one.size(); i += 997)
        EXPECT_EQ(one[i].key, wallet_key("zkload-threads", i)) << i;
    std::set<Address> distinct;
    for (const auto& wallet : one)
        distinct.insert(wallet.address);
    EXPECT_EQ(distinct.size(), one.size());
    EXPECT_NE(one[0].key, wallet_key("zkload-threads2", 0));
}

TEST(pool_wallets, empty_and_overflowing_ranges)
{
    EXPECT_TRUE(derive_wallets("x", 123, 0, 4).empty());
    EXPECT_EQ(derive_wallets("x", UINT64_MAX, 1).size(), 1u);
    EXPECT_THROW(derive_wallets("x", UINT64_MAX, 2), std::invalid_argument);
}

TEST(pool_wallets, shards_cover_the_pool_exactly_once)
{
    for (const uint64_t pool_size : {1ull, 2ull, 7ull, 100ull, 99'999ull, 100'000ull, 100'001ull})
    {
        for (const unsigned shards : {1u, 2u, 3u, 7u, 16u, 100u})
        {
            if (shards > pool_size)
                continue;
            uint64_t next = 0;
            uint64_t smallest = UINT64_MAX;
            uint64_t largest = 0;
            for (unsigned shard = 0; shard < shards; ++shard)
            {
                const auto [first, count] = shard_range(pool_size, shard, shards);
                EXPECT_EQ(first, next) << pool_size << "/" << shards << " #" << shard;
                next = first + count;
                smallest = std::min(smallest, count);
                largest = std::max(largest, count);
            }
            EXPECT_EQ(next, pool_size) << pool_size << "/" << shards;
            EXPECT_LE(largest - smallest, 1u) << pool_size << "/" << shards;
            EXPECT_GE(smallest, 1u);
        }
    }
    EXPECT_EQ(shard_range(10, 0, 3), std::make_pair(uint64_t{0}, uint64_t{4}));
    EXPECT_EQ(shard_range(10, 1, 3), std::make_pair(uint64_t{4}, uint64_t{3}));
    EXPECT_EQ(shard_range(10, 2, 3), std::make_pair(uint64_t{7}, uint64_t{3}));
}

TEST(pool_wallets, shard_arguments_are_validated)
{
    EXPECT_THROW(shard_range(10, 0, 0), std::invalid_argument);
    EXPECT_THROW(shard_range(10, 3, 3), std::invalid_argument);
    EXPECT_THROW(shard_range(2, 0, 3), std::invalid_argument);
    EXPECT_THROW(shard_range(0, 0, 1), std::invalid_argument);
}
