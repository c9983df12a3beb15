// SPDX-License-Identifier: Apache-2.0
#include "zksync/bridge_calldata.hpp"

#include "abi/abi.hpp"
#include "codec/keccak.hpp"

namespace zkload::zksync {
namespace {

abi::Value uint(uint64_t value) { return abi::uint(U256(value)); }

abi::Value bytes_array(const std::vector<Bytes>& items)
{
    std::vector<abi::Value> out;
    out.reserve(items.size());
    for (const Bytes& item : items)
        out.push_back(abi::bytes(item));
    return abi::array(std::move(out));
}

}  // namespace

Bytes request_l2_direct_calldata(const DirectRequest& r)
{
    static const abi::Function kFunction = abi::parse_function(
        "requestL2TransactionDirect((uint256,uint256,address,uint256,bytes,uint256,uint256,"
        "bytes[],address))");
    return abi::encode_call(kFunction,
                            {abi::tuple({uint(r.chain_id), abi::uint(r.mint_value),
                                         abi::address(r.l2_contract), abi::uint(r.l2_value),
                                         abi::bytes(r.l2_calldata), uint(r.l2_gas_limit),
                                         uint(r.l2_gas_per_pubdata), bytes_array(r.factory_deps),
                                         abi::address(r.refund_recipient)})});
}

Bytes request_l2_two_bridges_calldata(const TwoBridgesRequest& r)
{
    static const abi::Function kFunction = abi::parse_function(
        "requestL2TransactionTwoBridges((uint256,uint256,uint256,uint256,uint256,address,"
        "address,uint256,bytes))");
    return abi::encode_call(
        kFunction, {abi::tuple({uint(r.chain_id), abi::uint(r.mint_value), abi::uint(r.l2_value),
                                uint(r.l2_gas_limit), uint(r.l2_gas_per_pubdata),
                                abi::address(r.refund_recipient), abi::address(r.second_bridge),
                                abi::uint(r.second_bridge_value),
                                abi::bytes(r.second_bridge_calldata)})});
}

Bytes base_cost_calldata(uint64_t chain_id, const U256& gas_price, uint64_t l2_gas_limit,
                         uint64_t gas_per_pubdata)
{
    static const abi::Function kFunction =
        abi::parse_function("l2TransactionBaseCost(uint256,uint256,uint256,uint256)");
    return abi::encode_call(kFunction, {uint(chain_id), abi::uint(gas_price), uint(l2_gas_limit),
                                        uint(gas_per_pubdata)});
}

Bytes get_zk_chain_calldata(uint64_t chain_id)
{
    static const abi::Function kFunction = abi::parse_function("getZKChain(uint256)");
    return abi::encode_call(kFunction, {uint(chain_id)});
}

Bytes base_token_calldata(uint64_t chain_id)
{
    static const abi::Function kFunction = abi::parse_function("baseToken(uint256)");
    return abi::encode_call(kFunction, {uint(chain_id)});
}

Hash native_token_asset_id(uint64_t origin_chain_id, const Address& token)
{
    static const std::vector<abi::Type> kTypes = {abi::parse_type("uint256"),
                                                  abi::parse_type("address"),
                                                  abi::parse_type("address")};
    return keccak256(abi::encode(
        kTypes, {uint(origin_chain_id), abi::address(kL2NativeTokenVault), abi::address(token)}));
}

Bytes ntv_transfer_data(const U256& amount, const Address& receiver, const Address& token)
{
    static const std::vector<abi::Type> kTypes = {abi::parse_type("uint256"),
                                                  abi::parse_type("address"),
                                                  abi::parse_type("address")};
    return abi::encode(kTypes,
                       {abi::uint(amount), abi::address(receiver), abi::address(token)});
}

Bytes second_bridge_calldata_v1(const Hash& asset_id, ByteView transfer_data)
{
    static const std::vector<abi::Type> kTypes = {abi::parse_type("bytes32"),
                                                  abi::parse_type("bytes")};
    Bytes out{0x01};
    append(out, abi::encode(kTypes, {abi::fixed_bytes(asset_id),
                                     abi::bytes(Bytes(transfer_data.begin(), transfer_data.end()))}));
    return out;
}

Bytes withdraw_eth_calldata(const Address& l1_receiver)
{
    static const abi::Function kFunction = abi::parse_function("withdraw(address)");
    return abi::encode_call(kFunction, {abi::address(l1_receiver)});
}

Bytes withdraw_erc20_legacy_calldata(const Address& l1_receiver, const Address& l2_token,
                                     const U256& amount)
{
    static const abi::Function kFunction =
        abi::parse_function("withdraw(address,address,uint256)");
    return abi::encode_call(kFunction, {abi::address(l1_receiver), abi::address(l2_token),
                                        abi::uint(amount)});
}

Bytes finalize_deposit_calldata(const FinalizeParams& p)
{
    static const abi::Function kFunction = abi::parse_function(
        "finalizeDeposit((uint256,uint256,uint256,address,uint16,bytes,bytes32[]))");
    std::vector<abi::Value> proof;
    proof.reserve(p.merkle_proof.size());
    for (const Hash& node : p.merkle_proof)
        proof.push_back(abi::fixed_bytes(node));
    return abi::encode_call(
        kFunction, {abi::tuple({uint(p.chain_id), abi::uint(p.l2_batch_number),
                                abi::uint(p.l2_message_index), abi::address(p.l2_sender),
                                uint(p.l2_tx_number_in_batch), abi::bytes(p.message),
                                abi::array(std::move(proof))})});
}

Bytes is_withdrawal_finalized_calldata(uint64_t chain_id, const U256& batch, const U256& index)
{
    static const abi::Function kFunction =
        abi::parse_function("isWithdrawalFinalized(uint256,uint256,uint256)");
    return abi::encode_call(kFunction, {uint(chain_id), abi::uint(batch), abi::uint(index)});
}

}  // namespace zkload::zksync
