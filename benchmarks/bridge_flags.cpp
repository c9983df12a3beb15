// SPDX-License-Identifier: Apache-2.0
#include "bridge_flags.hpp"

#include <CLI/CLI.hpp>

namespace zkload::bench {
namespace {

const BridgeFlags* g_flags = nullptr;

std::optional<Address> address_flag(const std::string& value, const char* name)
{
    if (value.empty())
        return std::nullopt;
    try
    {
        return parse_address(value);
    }
    catch (const std::invalid_argument&)
    {
        throw std::invalid_argument(std::string(name) + " \"" + value + "\" is not a 20-byte hex address");
    }
}

}  // namespace

void add_bridge_flags(CLI::App& app, BridgeFlags& flags)
{
    g_flags = &flags;
    auto* group = "Bridge (deposit_*, withdraw_* rows; --rpc-url is the zkSync L2)";
    app.add_option("--l1-rpc-url", flags.l1_rpc_url,
                   "JSON-RPC URL of the L1 node the zkSync chain settles on (the bridge rows "
                   "skip without it); its wallets are funded like the L2 pool's")
        ->group(group);
    app.add_option("--finalize", flags.finalize,
                   "withdrawal rows: yes = wait for the batch to be final, take the proof and "
                   "finalize on L1; no = stop once the proof is available")
        ->check(CLI::IsMember({"yes", "no"}))->capture_default_str()->group(group);
    app.add_option("--bridge-operations", flags.operations, "operations per bridge row")
        ->check(CLI::Range(1, 100000))->capture_default_str()->group(group);
    app.add_option("--bridge-amount-wei", flags.amount_wei,
                   "wei (or token base units) each deposit or withdrawal moves")
        ->capture_default_str()->group(group);
    app.add_option("--bridge-stage-timeout-s", flags.stage_timeout_s,
                   "longest wait for one stage (inclusion, L2 execution, finality, proof)")
        ->check(CLI::Range(1, 86400))->capture_default_str()->group(group);
    app.add_option("--bridgehub", flags.bridgehub, "Bridgehub address (else zks_getBridgehubContract)")
        ->group(group);
    app.add_option("--diamond-proxy", flags.diamond_proxy,
                   "the chain's diamond proxy (else Bridgehub.getZKChain)")->group(group);
    app.add_option("--l1-asset-router", flags.l1_asset_router,
                   "L1 asset router (else zks_getBridgeContracts, then Bridgehub.assetRouter)")
        ->group(group);
    app.add_option("--l1-native-token-vault", flags.l1_native_token_vault,
                   "L1 native token vault (else the asset router's nativeTokenVault)")->group(group);
    app.add_option("--l1-nullifier", flags.l1_nullifier,
                   "L1 nullifier (else the asset router's L1_NULLIFIER)")->group(group);
    app.add_option("--l2-shared-bridge", flags.l2_shared_bridge,
                   "L2 bridge for ERC20 withdrawals (else the L2 asset router 0x…10003)")->group(group);
}

const BridgeFlags& bridge_flags()
{
    static const BridgeFlags kDefaults;
    return g_flags != nullptr ? *g_flags : kDefaults;
}

zksync::BridgeOverrides bridge_overrides(const BridgeFlags& flags)
{
    return {.l2_chain_id = std::nullopt,
            .bridgehub = address_flag(flags.bridgehub, "--bridgehub"),
            .diamond_proxy = address_flag(flags.diamond_proxy, "--diamond-proxy"),
            .l1_asset_router = address_flag(flags.l1_asset_router, "--l1-asset-router"),
            .l1_native_token_vault = address_flag(flags.l1_native_token_vault, "--l1-native-token-vault"),
            .l1_nullifier = address_flag(flags.l1_nullifier, "--l1-nullifier"),
            .l2_shared_bridge = address_flag(flags.l2_shared_bridge, "--l2-shared-bridge")};
}

}  // namespace zkload::bench
