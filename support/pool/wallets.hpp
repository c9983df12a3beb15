// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec/bytes.hpp"

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace zkload::pool {

/// The seed name used when the user names none. It is printed in logs and stored in the state
/// file: it is a public label, not a secret, and anyone who knows it can derive the pool's keys.
/// The pool only ever holds benchmark money.
inline constexpr std::string_view kDefaultSeedName = "zkload-default";

/// One pool wallet.
struct Wallet
{
    PrivateKey key{};
    Address address{};

    friend bool operator==(const Wallet&, const Wallet&) = default;
};

/// keccak256(utf8(seed_name)), the part of every key that depends on the seed name; hashed once
/// per pool rather than once per wallet.
Hash seed_hash(std::string_view seed_name);

/// The key of wallet `index`:
///
///     key = keccak256(keccak256(utf8(seed_name)) ‖ uint256_be(index))
///
/// so that any tool (ethers: keccak256(concat([keccak256(toUtf8Bytes(name)),
/// zeroPadValue(toBeHex(i), 32)]))) finds the same wallets. A hash is not a valid secp256k1 key
/// when it is zero or not below the group order n, a chance of about 2^-128 per wallet; then the
/// candidate is re-hashed with a counter, candidate_c = keccak256(seed ‖ uint256_be(index) ‖
/// uint256_be(c)) for c = 1, 2, ..., and the first valid one is the key. No index of any seed
/// name is known to need it.
PrivateKey wallet_key(std::string_view seed_name, uint64_t index);
PrivateKey wallet_key(const Hash& seed_hash, uint64_t index);

/// Wallets first .. first + count - 1, in index order. Deriving an address costs ~25 µs per key,
/// so large ranges are split into contiguous sub-ranges over `threads` std::threads (0: one per
/// hardware thread); the result does not depend on the thread count. Throws
/// std::invalid_argument when an index would pass 2^64 − 1.
std::vector<Wallet> derive_wallets(std::string_view seed_name,
                                   uint64_t first,
                                   uint64_t count,
                                   unsigned threads = 0);

/// The wallets of shard `shard` of `shards` (multi-host runs: each host drives its own slice of
/// one pool) as {first index, count}. Shards are contiguous, in order, cover [0, pool_size)
/// exactly once, and their sizes differ by at most one (the first pool_size % shards get one
/// more). Throws std::invalid_argument when shards is 0, shard >= shards, or shards > pool_size
/// (a shard without wallets is a configuration mistake).
std::pair<uint64_t, uint64_t> shard_range(uint64_t pool_size, unsigned shard, unsigned shards);

namespace detail {

/// wallet_key with the validity test as a parameter, so that tests can drive the re-hash path,
/// which real keys never take.
PrivateKey first_valid_key(const Hash& seed_hash,
                           uint64_t index,
                           bool (*is_valid)(const PrivateKey&));

}  // namespace detail

}  // namespace zkload::pool
