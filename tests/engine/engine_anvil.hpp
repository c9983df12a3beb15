// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "process/devnet.hpp"
#include "engine_pool_fixture.hpp"
#include "test_env.hpp"

namespace zkload::engine::test {

/// A fresh anvil (by default with the load defaults: 1 s blocks) and a pool of `wallets` funded
/// wallets.
class EngineOnAnvil : public zkload::test::EnginePoolFixture
{
protected:
    void start(uint64_t wallets, std::vector<std::string> args = DevnetOptions::load_defaults())
    {
        devnet_ = std::make_unique<Devnet>(Devnet::start({.anvil_path = zkload::test::anvil_path(), .args = std::move(args)}));
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = devnet_->url()});
        prepare_pool("zkload-engine-test", wallets);
    }

    std::unique_ptr<Devnet> devnet_;
};

}  // namespace zkload::engine::test
