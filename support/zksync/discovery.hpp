// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "rpc/client.hpp"

#include <optional>

namespace zkload::zksync {

/// The contracts of one ETH-based zkSync chain and its L1 ecosystem that the bridge flows use.
struct BridgeAddresses
{
    uint64_t l1_chain_id = 0;
    uint64_t l2_chain_id = 0;
    Address bridgehub{};
    /// The chain's diamond proxy: emits NewPriorityRequest.
    Address diamond_proxy{};
    /// The L1 asset router ("shared bridge"): second bridge of ERC20 deposits.
    Address l1_asset_router{};
    /// Holds deposited L1 tokens; what depositors approve.
    Address l1_native_token_vault{};
    /// Finalizes withdrawals and remembers which were.
    Address l1_nullifier{};
    /// Where ERC20 withdrawals go when given (a chain's legacy L2 shared bridge); nullopt: the
    /// L2 asset router, as zksync-ethers 6.21 does on every chain.
    std::optional<Address> l2_shared_bridge;
};

/// Values that replace discovery, for nodes that lack a method (anvil-zksync has no
/// zks_getMainContract) and for an L1 without an L2 (tests on the L1 contracts alone).
struct BridgeOverrides
{
    std::optional<uint64_t> l2_chain_id;
    std::optional<Address> bridgehub;
    std::optional<Address> diamond_proxy;
    std::optional<Address> l1_asset_router;
    std::optional<Address> l1_native_token_vault;
    std::optional<Address> l1_nullifier;
    std::optional<Address> l2_shared_bridge;
};

/// True if the node answers zks_L1ChainId (a zkSync chain); false for a plain EVM node.
bool is_zksync_node(rpc::Client& l2);

/// Discovers the addresses: the L2 chain id (eth_chainId), its L1 (zks_L1ChainId, which must be
/// the L1 node's eth_chainId), the Bridgehub (zks_getBridgehubContract), the L1 asset router and
/// the legacy L2 bridge (zks_getBridgeContracts, else Bridgehub.assetRouter()), the diamond
/// proxy (Bridgehub.getZKChain), the vault and the nullifier (asset router's nativeTokenVault()
/// and L1_NULLIFIER()). An override wins over its method; `l2` may be null when the overrides
/// cover the L2 side (chain id and Bridgehub). Only ETH-based chains are supported. Throws
/// BridgeError naming what is missing and the flag that supplies it.
BridgeAddresses discover_bridge(rpc::Client* l2, rpc::Client& l1, const BridgeOverrides& overrides);

}  // namespace zkload::zksync
