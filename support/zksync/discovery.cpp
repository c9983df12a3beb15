// SPDX-License-Identifier: Apache-2.0
#include "zksync/discovery.hpp"

#include "abi/abi.hpp"
#include "zksync/bridge_calldata.hpp"
#include "zksync/chain_txn.hpp"
#include "zksync/revert_reason.hpp"

namespace zkload::zksync {
namespace {

bool is_zero(const Address& address) { return address == Address{}; }

/// An address-returning view call on L1.
Address read_address(rpc::Client& l1, const Address& contract, Bytes calldata, std::string_view what)
{
    const Bytes word = call_contract(l1, Address{}, {contract, 0, std::move(calldata)}, std::nullopt, what);
    const auto values = abi::decode({abi::parse_type("address")}, word);
    return std::get<Address>(values[0].data);
}

Bytes no_args(std::string_view signature) { return abi::encode_call(signature, {}); }

/// A zks_ method's result, or a BridgeError naming the flag that replaces it.
nlohmann::json zks(rpc::Client& l2, std::string_view method, std::string_view flag)
{
    const rpc::Reply reply = l2.call(method);
    if (!reply.ok() || reply.result.is_null())
        throw BridgeError(FailureClass::unsupported,
                          "the L2 node does not answer " + std::string(method) +
                              (reply.ok() ? " (null)" : " (" + reply.error->describe() + ")") +
                              "; give " + std::string(flag));
    return reply.result;
}

std::optional<Address> bridge_field(const nlohmann::json& bridges, std::string_view field)
{
    if (!bridges.is_object() || !bridges.contains(field) || bridges[field].is_null())
        return std::nullopt;
    const Address address = json_address(bridges, field, "zks_getBridgeContracts");
    return is_zero(address) ? std::nullopt : std::optional(address);
}

}  // namespace

bool is_zksync_node(rpc::Client& l2)
{
    const rpc::Reply reply = l2.call("zks_L1ChainId");
    return reply.ok() && reply.result.is_string();
}

BridgeAddresses discover_bridge(rpc::Client* l2, rpc::Client& l1, const BridgeOverrides& overrides)
{
    BridgeAddresses out;
    out.l1_chain_id = l1.chain_id();
    if (l2 == nullptr && (!overrides.l2_chain_id || !overrides.bridgehub))
        throw BridgeError(FailureClass::unsupported,
                          "without an L2 node the chain id and the Bridgehub must be given");
    out.l2_chain_id = overrides.l2_chain_id ? *overrides.l2_chain_id : l2->chain_id();
    nlohmann::json bridges;
    if (l2 != nullptr)
    {
        const nlohmann::json l1_id = zks(*l2, "zks_L1ChainId", "a zkSync L2 node as --rpc-url");
        const auto said = l1_id.is_string() ? parse_quantity(l1_id.get<std::string>()) : std::nullopt;
        if (said && *said != out.l1_chain_id)
            throw BridgeError(FailureClass::unsupported,
                              "the L2 settles on chain " + std::to_string(*said) +
                                  " but the --l1-rpc-url node is chain " +
                                  std::to_string(out.l1_chain_id));
        const rpc::Reply reply = l2->call("zks_getBridgeContracts");
        if (reply.ok())
            bridges = reply.result;
    }
    out.bridgehub = overrides.bridgehub
                        ? *overrides.bridgehub
                        : json_address(nlohmann::json{{"bridgehub", zks(*l2, "zks_getBridgehubContract",
                                                                        "--bridgehub")}},
                                       "bridgehub", "zks_getBridgehubContract");

    const Address base_token = read_address(l1, out.bridgehub, base_token_calldata(out.l2_chain_id),
                                            "Bridgehub.baseToken");
    if (base_token != kEthTokenInContracts)
        throw BridgeError(FailureClass::unsupported,
                          "chain " + std::to_string(out.l2_chain_id) + " has base token " +
                              to_hex(base_token) + "; only ETH-based chains are supported");
    out.diamond_proxy = overrides.diamond_proxy
                            ? *overrides.diamond_proxy
                            : read_address(l1, out.bridgehub, get_zk_chain_calldata(out.l2_chain_id),
                                           "Bridgehub.getZKChain");
    if (is_zero(out.diamond_proxy))
        throw BridgeError(FailureClass::unsupported, "chain " + std::to_string(out.l2_chain_id) +
                                                         " is not registered in Bridgehub " +
                                                         to_hex(out.bridgehub));
    const std::optional<Address> shared = bridge_field(bridges, "l1SharedDefaultBridge");
    out.l1_asset_router = overrides.l1_asset_router ? *overrides.l1_asset_router
                          : shared                  ? *shared
                                                    : read_address(l1, out.bridgehub,
                                                                   no_args("assetRouter()"),
                                                                   "Bridgehub.assetRouter");
    out.l1_native_token_vault =
        overrides.l1_native_token_vault
            ? *overrides.l1_native_token_vault
            : read_address(l1, out.l1_asset_router, no_args("nativeTokenVault()"),
                           "L1AssetRouter.nativeTokenVault");
    out.l1_nullifier = overrides.l1_nullifier ? *overrides.l1_nullifier
                                              : read_address(l1, out.l1_asset_router,
                                                             no_args("L1_NULLIFIER()"),
                                                             "L1AssetRouter.L1_NULLIFIER");
    out.l2_shared_bridge = overrides.l2_shared_bridge;
    return out;
}

}  // namespace zkload::zksync
