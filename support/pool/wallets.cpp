// SPDX-License-Identifier: Apache-2.0
#include "pool/wallets.hpp"

#include "txn/ecdsa.hpp"
#include "codec/keccak.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>

namespace zkload::pool {
namespace {

/// Below this many wallets per thread, starting a thread costs more than it saves.
constexpr uint64_t kMinWalletsPerThread = 2048;

/// Re-hashes before giving up; each is a 2^-128 event, so reaching this means a broken predicate.
constexpr uint64_t kMaxRehashes = 1024;

/// uint256 big-endian of a 64-bit value.
std::array<uint8_t, 32> be32(uint64_t value)
{
    std::array<uint8_t, 32> out{};
    for (size_t i = 0; i < 8; ++i)
        out[31 - i] = static_cast<uint8_t>(value >> (8 * i));
    return out;
}

void derive_into(const Hash& seed, uint64_t first, std::span<Wallet> out)
{
    for (size_t i = 0; i < out.size(); ++i)
    {
        out[i].key = wallet_key(seed, first + i);
        out[i].address = address_of(out[i].key);
    }
}

}  // namespace

namespace detail {

PrivateKey first_valid_key(const Hash& seed_hash,
                           uint64_t index,
                           bool (*is_valid)(const PrivateKey&))
{
    const auto index_word = be32(index);
    Bytes preimage(seed_hash.begin(), seed_hash.end());
    append(preimage, index_word);
    PrivateKey key = keccak256(preimage);
    for (uint64_t counter = 1; !is_valid(key); ++counter)
    {
        if (counter > kMaxRehashes)
            throw std::logic_error("wallet key derivation: no valid key after " +
                                   std::to_string(kMaxRehashes) + " re-hashes");
        Bytes retry = preimage;
        append(retry, be32(counter));
        key = keccak256(retry);
    }
    return key;
}

}  // namespace detail

Hash seed_hash(std::string_view seed_name)
{
    return keccak256(as_view(seed_name));
}

PrivateKey wallet_key(const Hash& seed_hash, uint64_t index)
{
    return detail::first_valid_key(seed_hash, index, &is_valid_private_key);
}

PrivateKey wallet_key(std::string_view seed_name, uint64_t index)
{
    return wallet_key(seed_hash(seed_name), index);
}

std::vector<Wallet> derive_wallets(std::string_view seed_name,
                                   uint64_t first,
                                   uint64_t count,
                                   unsigned threads)
{
    if (count > 0 && count - 1 > std::numeric_limits<uint64_t>::max() - first)
        throw std::invalid_argument("derive_wallets: first " + std::to_string(first) + " + count " +
                                    std::to_string(count) + " passes the last index 2^64 - 1");
    const Hash seed = seed_hash(seed_name);
    std::vector<Wallet> wallets(count);
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    const uint64_t useful = std::max<uint64_t>(1, count / kMinWalletsPerThread);
    const auto workers = static_cast<unsigned>(std::min<uint64_t>(threads, useful));
    if (workers <= 1)
    {
        derive_into(seed, first, wallets);
        return wallets;
    }
    std::vector<std::exception_ptr> errors(workers);
    std::vector<std::thread> pool;
    pool.reserve(workers);
    for (unsigned w = 0; w < workers; ++w)
    {
        /// Not a structured binding: clang 14 (the fuzz build) cannot capture one.
        const std::pair<uint64_t, uint64_t> range = shard_range(count, w, workers);
        const uint64_t offset = range.first;
        const uint64_t size = range.second;
        pool.emplace_back([&, offset, size, w] {
            try
            {
                derive_into(seed, first + offset, std::span(wallets).subspan(offset, size));
            }
            catch (...)
            {
                errors[w] = std::current_exception();
            }
        });
    }
    for (auto& thread : pool)
        thread.join();
    for (const auto& error : errors)
    {
        if (error)
            std::rethrow_exception(error);
    }
    return wallets;
}

std::pair<uint64_t, uint64_t> shard_range(uint64_t pool_size, unsigned shard, unsigned shards)
{
    if (shards == 0)
        throw std::invalid_argument("shard_range: the number of shards must be at least 1");
    if (shard >= shards)
        throw std::invalid_argument("shard_range: shard " + std::to_string(shard) +
                                    " does not exist among " + std::to_string(shards) +
                                    " shards (they are numbered from 0)");
    if (shards > pool_size)
        throw std::invalid_argument("shard_range: " + std::to_string(shards) +
                                    " shards for a pool of " + std::to_string(pool_size) +
                                    " wallets would leave shards without wallets");
    const uint64_t base = pool_size / shards;
    const uint64_t extra = pool_size % shards;
    const uint64_t first = shard * base + std::min<uint64_t>(shard, extra);
    return {first, base + (shard < extra ? 1 : 0)};
}

}  // namespace zkload::pool
