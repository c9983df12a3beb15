// SPDX-License-Identifier: Apache-2.0
// The deposit, withdrawal and finalize calls zksync-ethers 6.21.1 builds through its Wallet
// (tools/oracle/bridge_vectors.mjs, stub providers) must equal ours byte for byte: calldata,
// target and value, from the same inputs and the same receipt and proof.
#include "vectors.hpp"
#include "zksync/deposit.hpp"
#include "zksync/withdrawal.hpp"

#include <gtest/gtest.h>

namespace zkload::zksync {
namespace {

Address addr(const nlohmann::json& v) { return parse_address(v.get<std::string>()); }
U256 num(const nlohmann::json& v) { return parse_u256(v.get<std::string>()); }

void expect_call(const ContractCall& ours, const nlohmann::json& theirs, const std::string& what)
{
    EXPECT_EQ(to_hex(ours.data), theirs.at("data").get<std::string>()) << what;
    EXPECT_EQ(to_hex(ours.to), theirs.at("to").get<std::string>()) << what;
    EXPECT_EQ(to_decimal(ours.value), theirs.at("value").get<std::string>()) << what;
}

class BridgeOracle : public testing::Test
{
protected:
    static const nlohmann::json& vectors()
    {
        static const nlohmann::json kVectors = test::load_vectors("bridge").at("vectors");
        return kVectors;
    }

    static BridgeAddresses addresses(const nlohmann::json& v)
    {
        BridgeAddresses out;
        out.l1_chain_id = v.at("l1_chain_id").get<uint64_t>();
        out.l2_chain_id = v.at("l2_chain_id").get<uint64_t>();
        out.bridgehub = addr(v.at("bridgehub"));
        out.l1_asset_router = addr(v.at("asset_router"));
        out.l1_native_token_vault = addr(v.at("native_token_vault"));
        out.l1_nullifier = addr(v.at("nullifier"));
        return out;
    }
};

TEST_F(BridgeOracle, EthDepositPricesAtMaxFeeAndMintsBaseCostPlusAmount)
{
    for (const auto& v : vectors())
    {
        const BridgeAddresses bridge = addresses(v);
        const uint64_t l2_gas = v.at("l2_gas_limit").get<uint64_t>();
        EXPECT_EQ(to_hex(base_cost_calldata(bridge.l2_chain_id, num(v.at("max_fee_per_gas")), l2_gas)),
                  v.at("eth_base_cost_call").get<std::string>());
        const DirectRequest request =
            eth_deposit_request(bridge.l2_chain_id, num(v.at("eth_base_cost")), addr(v.at("receiver")),
                                num(v.at("amount")), l2_gas, addr(v.at("refund")));
        expect_call({bridge.bridgehub, request.mint_value, request_l2_direct_calldata(request)},
                    v.at("deposit_eth"), "ETH deposit");
    }
}

TEST_F(BridgeOracle, Erc20DepositUsesTheVaultAssetIdOrDerivesIt)
{
    size_t derived = 0;
    for (const auto& v : vectors())
    {
        const BridgeAddresses bridge = addresses(v);
        const Address token = addr(v.at("token"));
        const bool registered = !v.at("vault_asset_id").is_null();
        derived += registered ? 0 : 1;
        const Hash asset_id = registered ? parse_hash(v.at("vault_asset_id").get<std::string>())
                                         : native_token_asset_id(bridge.l1_chain_id, token);
        const TwoBridgesRequest request = erc20_deposit_request(
            bridge.l2_chain_id, num(v.at("erc20_base_cost")), bridge.l1_asset_router, asset_id, token,
            num(v.at("amount")), addr(v.at("receiver")), v.at("l2_gas_limit").get<uint64_t>(),
            addr(v.at("refund")));
        expect_call({bridge.bridgehub, request.mint_value, request_l2_two_bridges_calldata(request)},
                    v.at("deposit_erc20"), "ERC20 deposit");
    }
    EXPECT_GT(derived, 0u) << "no vector exercised the derived asset id";
    EXPECT_LT(derived, vectors().size()) << "no vector exercised the vault's asset id";
}

TEST_F(BridgeOracle, WithdrawalsOnL2)
{
    for (const auto& v : vectors())
    {
        const BridgeAddresses bridge = addresses(v);
        WithdrawOptions options{.l1_receiver = addr(v.at("receiver")), .amount = num(v.at("amount"))};
        expect_call(withdraw_call(bridge, options), v.at("withdraw_eth"), "ETH withdrawal");
        options.l2_token = addr(v.at("l2_token"));
        expect_call(withdraw_call(bridge, options), v.at("withdraw_erc20"), "ERC20 withdrawal");
    }
}

TEST_F(BridgeOracle, FinalizeFromTheSameReceiptAndProof)
{
    for (const auto& v : vectors())
    {
        const WithdrawalMessage message = withdrawal_message(v.at("l2_receipt"));
        EXPECT_EQ(message.l2_to_l1_log_index, v.at("proof_index_asked").get<uint64_t>());
        LogProof proof{.proof = {}, .id = v.at("log_proof").at("id").get<uint64_t>()};
        for (const auto& node : v.at("log_proof").at("proof"))
            proof.proof.push_back(parse_hash(node.get<std::string>()));
        const FinalizeParams params = finalize_params(v.at("l2_chain_id").get<uint64_t>(), message, proof);
        expect_call({addr(v.at("nullifier")), 0, finalize_deposit_calldata(params)}, v.at("finalize"),
                    "finalizeDeposit");
    }
}

}  // namespace
}  // namespace zkload::zksync
