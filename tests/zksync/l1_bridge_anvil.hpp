// SPDX-License-Identifier: Apache-2.0
// anvil with the real zkSync protocol-v29 L1 contracts loaded (../shared/zksync-l1), chain id
// 31337 as the contracts expect, on a free loopback port, stopped by pid when it goes away.
#pragma once

#include "process/devnet.hpp"
#include "rpc/client.hpp"
#include "zksync/discovery.hpp"

#include <filesystem>
#include <memory>

namespace zkload::test {

/// The L2 chain the state registers and its Bridgehub (../shared/zksync-l1/README.md).
inline constexpr uint64_t kL2ChainId = 260;
inline const Address kBridgehub = parse_address("0x7bded30253d9dd63cd1ca574d1dbc4985d88b404");
inline const Address kDiamondProxy = parse_address("0x85592567f1a242cad2b14528fe2de7864b60f751");
inline const Address kAssetRouter = parse_address("0x04517adc3be3552aeb2fac4084ee1df91145e2cb");
inline const Address kNativeTokenVault = parse_address("0x32d252b7f4ce5e7d171521b074a7fe781545b9c0");
inline const Address kNullifier = parse_address("0xc7df1f9f233dd8b109081fe7526e5e04fe8a325d");

/// anvil's default dev keys 0..4 (public test keys, 10,000 ETH each in the state).
PrivateKey dev_key(size_t index);

class L1BridgeAnvil
{
public:
    /// Gunzips the state into a temp folder and starts anvil on it; throws with the cause.
    L1BridgeAnvil();
    ~L1BridgeAnvil();

    const std::string& url() const { return devnet_->url(); }
    rpc::Client client() const { return rpc::Client({.url = url(), .timeout = std::chrono::seconds(30)}); }

    /// Discovery with only the L1: the chain id and the Bridgehub given.
    zksync::BridgeAddresses discover() const;

private:
    std::filesystem::path dir_;
    std::unique_ptr<Devnet> devnet_;
};

}  // namespace zkload::test
