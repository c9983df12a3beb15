// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "devnet.hpp"
#include "engine/row.hpp"
#include "pool/nonces.hpp"
#include "pool/wallet_pool.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace zkload::engine::test {

/// anvil's first dev account pays the pool.
inline const PrivateKey kDevFunder =
    parse_fixed_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

/// A fresh anvil with the load defaults (1 s blocks) and a pool of `wallets` funded wallets.
class EngineOnAnvil : public testing::Test
{
protected:
    void start(uint64_t wallets)
    {
        devnet_ = std::make_unique<Devnet>(
            Devnet::start({.anvil_path = zkload::test::anvil_path(), .args = DevnetOptions::load_defaults()}));
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = devnet_->url()});
        state_dir_ = std::filesystem::temp_directory_path() /
                     ("zkload-engine-test-" + std::to_string(getpid()) + "-" +
                      testing::UnitTest::GetInstance()->current_test_info()->name());
        pool_ = std::make_unique<pool::WalletPool>(pool::WalletPool::prepare(
            *client_, kDevFunder,
            {.seed_name = "zkload-engine-test",
             .size = wallets,
             .need = {.eth = U256(10) * U256(1'000'000'000'000'000'000ull)},
             .strategy = pool::Strategy::dev_rpc,
             .state_dir = state_dir_,
             .with_token = false}));
    }

    void TearDown() override
    {
        std::error_code ignored;
        std::filesystem::remove_all(state_dir_, ignored);
    }

    std::vector<Address> addresses() const
    {
        std::vector<Address> out;
        for (const pool::Wallet& w : pool_->wallets())
            out.push_back(w.address);
        return out;
    }

    /// One shard per thread with the pending nonces read now.
    std::vector<WalletShard> shards(size_t threads)
    {
        std::vector<WalletShard> out;
        for (size_t i = 0; i < threads; ++i)
        {
            const auto [first, count] = pool::shard_range(pool_->wallets().size(), static_cast<unsigned>(i),
                                                         static_cast<unsigned>(threads));
            WalletShard shard{.wallets = std::span(pool_->wallets()).subspan(first, count)};
            std::vector<Address> senders;
            for (const pool::Wallet& w : shard.wallets)
                senders.push_back(w.address);
            shard.nonces = pool::pending_nonces(*client_, senders);
            out.push_back(std::move(shard));
        }
        return out;
    }

    TxnParams transfer_params()
    {
        return {.chain_id = client_->chain_id(),
                .max_priority_fee_per_gas = U256(1'000'000'000),
                .max_fee_per_gas = U256(20'000'000'000ull),
                .gas_limit = 21'000};
    }

    std::unique_ptr<Devnet> devnet_;
    std::unique_ptr<rpc::Client> client_;
    std::unique_ptr<pool::WalletPool> pool_;
    std::filesystem::path state_dir_;
};

}  // namespace zkload::engine::test
