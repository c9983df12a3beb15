// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine/row.hpp"
#include "pool/nonces.hpp"
#include "pool/wallet_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace zkload::test {

/// anvil's first dev account pays the pool.
inline const PrivateKey kEngineDevFunder =
    parse_fixed_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

/// The engine tests' common ground: a pool of wallets funded by dev RPC (10 ETH each, no token)
/// in a state folder of the test's own, and shards of it with the nonces the node reports now.
/// The derived fixture starts the node and sets client_.
class EnginePoolFixture : public testing::Test
{
protected:
    void prepare_pool(const std::string& seed_name, uint64_t wallets)
    {
        std::string test = testing::UnitTest::GetInstance()->current_test_info()->name();
        std::replace(test.begin(), test.end(), '/', '_');  // parameterised tests: "name/param"
        state_dir_ = std::filesystem::temp_directory_path() /
                     (seed_name + "-" + std::to_string(getpid()) + "-" + test);
        pool_ = std::make_unique<pool::WalletPool>(pool::WalletPool::prepare(
            *client_, kEngineDevFunder,
            {.seed_name = seed_name,
             .size = wallets,
             .need = {.eth = U256(10) * U256(1'000'000'000'000'000'000ull)},
             .strategy = pool::Strategy::dev_rpc,
             .state_dir = state_dir_,
             .contracts = {}}));
    }

    void TearDown() override
    {
        std::error_code ignored;
        std::filesystem::remove_all(state_dir_, ignored);
    }

    static std::vector<Address> addresses(std::span<const pool::Wallet> wallets)
    {
        std::vector<Address> out;
        for (const pool::Wallet& w : wallets)
            out.push_back(w.address);
        return out;
    }

    std::vector<Address> addresses() const { return addresses(pool_->wallets()); }

    /// One shard per thread (pool::shard_range) with the pending nonces read now.
    std::vector<engine::WalletShard> shards(size_t threads)
    {
        std::vector<engine::WalletShard> out;
        for (size_t i = 0; i < threads; ++i)
        {
            const auto [first, count] = pool::shard_range(pool_->wallets().size(), static_cast<unsigned>(i),
                                                         static_cast<unsigned>(threads));
            engine::WalletShard shard{.wallets = std::span(pool_->wallets()).subspan(first, count)};
            shard.nonces = pool::pending_nonces(*client_, addresses(shard.wallets));
            out.push_back(std::move(shard));
        }
        return out;
    }

    engine::TxnParams transfer_params()
    {
        return {.chain_id = client_->chain_id(),
                .max_priority_fee_per_gas = U256(1'000'000'000),
                .max_fee_per_gas = U256(20'000'000'000ull),
                .gas_limit = 21'000};
    }

    std::unique_ptr<rpc::Client> client_;
    std::unique_ptr<pool::WalletPool> pool_;
    std::filesystem::path state_dir_;
};

}  // namespace zkload::test
