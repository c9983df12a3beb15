// SPDX-License-Identifier: Apache-2.0
#include "zksync/deposit.hpp"

#include "abi/abi.hpp"
#include "contracts/erc20.hpp"
#include "txn/ecdsa.hpp"
#include "zksync/priority_op.hpp"

namespace zkload::zksync {

DirectRequest eth_deposit_request(uint64_t chain_id, const U256& base_cost, const Address& receiver,
                                  const U256& amount, uint64_t l2_gas_limit, const Address& refund)
{
    return {.chain_id = chain_id,
            .mint_value = base_cost + amount,
            .l2_contract = receiver,
            .l2_value = amount,
            .l2_calldata = {},
            .l2_gas_limit = l2_gas_limit,
            .l2_gas_per_pubdata = kRequiredGasPerPubdata,
            .factory_deps = {},
            .refund_recipient = refund};
}

TwoBridgesRequest erc20_deposit_request(uint64_t chain_id, const U256& base_cost,
                                        const Address& asset_router, const Hash& asset_id,
                                        const Address& token, const U256& amount,
                                        const Address& receiver, uint64_t l2_gas_limit,
                                        const Address& refund)
{
    return {.chain_id = chain_id,
            .mint_value = base_cost,
            .l2_value = 0,
            .l2_gas_limit = l2_gas_limit,
            .l2_gas_per_pubdata = kRequiredGasPerPubdata,
            .refund_recipient = refund,
            .second_bridge = asset_router,
            .second_bridge_value = 0,
            .second_bridge_calldata = second_bridge_calldata_v1(
                asset_id, ntv_transfer_data(amount, receiver, token))};
}

U256 l2_base_cost(rpc::Client& l1, const BridgeAddresses& bridge, const U256& gas_price,
                  uint64_t l2_gas_limit)
{
    const Bytes word = call_contract(
        l1, Address{}, {bridge.bridgehub, 0, base_cost_calldata(bridge.l2_chain_id, gas_price, l2_gas_limit)},
        std::nullopt, "Bridgehub.l2TransactionBaseCost");
    return std::get<U256>(abi::decode({abi::parse_type("uint256")}, word)[0].data);
}

Hash l1_asset_id(rpc::Client& l1, const BridgeAddresses& bridge, const Address& token)
{
    static const abi::Function kAssetId = abi::parse_function("assetId(address)");
    const Bytes word = call_contract(
        l1, Address{}, {bridge.l1_native_token_vault, 0, abi::encode_call(kAssetId, {abi::address(token)})},
        std::nullopt, "L1NativeTokenVault.assetId");
    const Bytes id = std::get<Bytes>(abi::decode({abi::parse_type("bytes32")}, word)[0].data);
    Hash out{};
    std::copy(id.begin(), id.end(), out.begin());
    return out != Hash{} ? out : native_token_asset_id(bridge.l1_chain_id, token);
}

uint64_t estimate_eth_deposit_l2_gas(rpc::Client* l2, const Address& sender, const Address& receiver,
                                     const U256& amount)
{
    if (l2 == nullptr)
        return kFallbackEthDepositL2Gas;
    const nlohmann::json request = {
        {"from", to_hex(sender)},
        {"to", to_hex(receiver)},
        {"value", to_quantity(amount)},
        {"data", "0x"},
        {"eip712Meta", {{"gasPerPubdata", to_quantity(kRequiredGasPerPubdata)}}}};
    const rpc::Reply reply = l2->call("zks_estimateGasL1ToL2", nlohmann::json::array({request}));
    const auto gas = reply.ok() && reply.result.is_string()
                         ? parse_quantity(reply.result.get<std::string>())
                         : std::nullopt;
    return gas && *gas > 0 ? *gas : kFallbackEthDepositL2Gas;
}

DepositPlan plan_deposit(rpc::Client& l1, rpc::Client* l2, const BridgeAddresses& bridge,
                         const Address& sender, const DepositOptions& options)
{
    DepositPlan plan;
    plan.pricing = options.pricing ? *options.pricing : node_pricing(l1);
    const Address refund = options.refund_recipient.value_or(sender);
    if (!options.token)
    {
        plan.l2_gas_limit = options.l2_gas_limit.value_or(
            estimate_eth_deposit_l2_gas(l2, sender, options.receiver, options.amount));
        plan.base_cost = l2_base_cost(l1, bridge, plan.pricing.max_fee_per_gas, plan.l2_gas_limit);
        const DirectRequest request = eth_deposit_request(bridge.l2_chain_id, plan.base_cost,
                                                          options.receiver, options.amount,
                                                          plan.l2_gas_limit, refund);
        plan.mint_value = request.mint_value;
        plan.call = {bridge.bridgehub, request.mint_value, request_l2_direct_calldata(request)};
        return plan;
    }
    plan.l2_gas_limit = options.l2_gas_limit.value_or(kFallbackErc20DepositL2Gas);
    plan.base_cost = l2_base_cost(l1, bridge, plan.pricing.max_fee_per_gas, plan.l2_gas_limit);
    const TwoBridgesRequest request = erc20_deposit_request(
        bridge.l2_chain_id, plan.base_cost, bridge.l1_asset_router,
        l1_asset_id(l1, bridge, *options.token), *options.token, options.amount, options.receiver,
        plan.l2_gas_limit, refund);
    plan.mint_value = request.mint_value;
    plan.call = {bridge.bridgehub, request.mint_value + request.second_bridge_value,
                 request_l2_two_bridges_calldata(request)};
    return plan;
}

Hash preview_l2_hash(rpc::Client& l1, const Address& sender, const DepositPlan& plan)
{
    const Bytes word = call_contract(l1, sender, plan.call, plan.pricing, "deposit (eth_call)", "pending");
    if (word.size() < 32)
        throw BridgeError(FailureClass::rpc, "deposit (eth_call) returned " + to_hex(word));
    Hash out{};
    std::copy(word.begin(), word.begin() + 32, out.begin());
    return out;
}

DepositResult send_deposit(rpc::Client& l1, const BridgeAddresses& bridge, const PrivateKey& key,
                           const DepositPlan& plan, const Patience& patience)
{
    DepositResult result;
    result.plan = plan;
    constexpr std::string_view kWhat = "deposit on L1";
    const uint64_t gas_limit = estimate_call_gas(l1, address_of(key), plan.call, plan.pricing, kWhat,
                                                 kDepositGasMarginPercent);
    result.l1 = send_contract_call(l1, bridge.l1_chain_id, key, plan.call, plan.pricing, patience,
                                   kWhat, gas_limit);
    result.l2_hash = l2_hash_from_l1_receipt(result.l1.receipt, bridge.diamond_proxy);
    return result;
}

DepositResult deposit(rpc::Client& l1, rpc::Client* l2, const BridgeAddresses& bridge,
                      const PrivateKey& key, const DepositOptions& options)
{
    const Address sender = address_of(key);
    std::optional<IncludedTxn> approval;
    if (options.token)
    {
        const Pricing pricing = options.pricing ? *options.pricing : node_pricing(l1);
        approval = send_contract_call(
            l1, bridge.l1_chain_id, key,
            {*options.token, 0, erc20_approve_calldata(bridge.l1_native_token_vault, options.amount)},
            pricing, options.l1_patience, "approve of the L1 native token vault");
    }
    DepositResult result = send_deposit(l1, bridge, key, plan_deposit(l1, l2, bridge, sender, options),
                                        options.l1_patience);
    result.approval = std::move(approval);
    return result;
}

}  // namespace zkload::zksync
