// SPDX-License-Identifier: Apache-2.0
#include "l1_bridge_anvil.hpp"

#include "test_env.hpp"

#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace zkload::test {

PrivateKey dev_key(size_t index)
{
    static constexpr const char* kKeys[] = {
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    };
    return parse_fixed_hex<32>(kKeys[index]);
}

L1BridgeAnvil::L1BridgeAnvil()
{
    const std::filesystem::path state =
        env_or("ZKLOAD_ZKSYNC_L1_STATE", ZKLOAD_TEST_ZKSYNC_L1_STATE);
    if (!std::filesystem::exists(state))
        throw std::runtime_error("the zkSync L1 state is missing at " + state.string() +
                                 " (set ZKLOAD_ZKSYNC_L1_STATE or -DZKLOAD_ZKSYNC_L1_STATE)");
    dir_ = std::filesystem::temp_directory_path() /
           ("zkload-zksync-l1-" + std::to_string(getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(dir_);
    const std::filesystem::path json = dir_ / "l1.json";
    const std::string command = "gunzip -c '" + state.string() + "' > '" + json.string() + "'";
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("cannot gunzip " + state.string());
    devnet_ = std::make_unique<Devnet>(Devnet::start(
        {.anvil_path = anvil_path(), .args = {"--load-state", json.string()}, .log_dir = dir_}));
}

L1BridgeAnvil::~L1BridgeAnvil()
{
    devnet_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

zksync::BridgeAddresses L1BridgeAnvil::discover() const
{
    rpc::Client l1 = client();
    return zksync::discover_bridge(nullptr, l1, {.l2_chain_id = kL2ChainId, .bridgehub = kBridgehub});
}

}  // namespace zkload::test
