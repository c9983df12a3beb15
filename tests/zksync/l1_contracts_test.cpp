// SPDX-License-Identifier: Apache-2.0
// The L1 half of the bridge flows on the real protocol-v29 contracts (anvil with the state of
// ../shared/zksync-l1): discovery, ETH and ERC20 deposits, the L2 hash from the log, a deposit
// one wei short, and a finalize with a made-up proof.
#include "abi/abi.hpp"
#include "contracts/deploy.hpp"
#include "contracts/erc20.hpp"
#include "txn/ecdsa.hpp"
#include "l1_bridge_anvil.hpp"
#include "zksync/deposit.hpp"
#include "zksync/withdrawal.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace zkload::zksync {
namespace {

using test::dev_key;

const U256 kEther = U256(1'000'000'000'000'000'000ULL);
/// tip == max fee: the transaction pays exactly max fee, so the base cost is exact.
const Pricing kExactPrice{.max_fee_per_gas = 3'000'000'000ULL, .max_priority_fee_per_gas = 3'000'000'000ULL};

class L1Contracts : public testing::Test
{
protected:
    static void SetUpTestSuite() { anvil_ = new test::L1BridgeAnvil(); }
    static void TearDownTestSuite()
    {
        delete anvil_;
        anvil_ = nullptr;
    }

    void SetUp() override
    {
        ASSERT_NE(anvil_, nullptr);
        bridge_ = anvil_->discover();
    }

    static test::L1BridgeAnvil* anvil_;
    rpc::Client l1_ = anvil_->client();
    BridgeAddresses bridge_;
};

test::L1BridgeAnvil* L1Contracts::anvil_ = nullptr;

TEST_F(L1Contracts, DiscoveryFindsTheChainContractsFromTheBridgehub)
{
    EXPECT_EQ(bridge_.l1_chain_id, 31337u);
    EXPECT_EQ(bridge_.diamond_proxy, test::kDiamondProxy);
    EXPECT_EQ(bridge_.l1_asset_router, test::kAssetRouter);
    EXPECT_EQ(bridge_.l1_native_token_vault, test::kNativeTokenVault);
    EXPECT_EQ(bridge_.l1_nullifier, test::kNullifier);
    EXPECT_EQ(l2_base_cost(l1_, bridge_, 1'000'000'000, 1'000'000), U256(262'500'000'000'000ULL));
}

TEST_F(L1Contracts, EthDepositIncludedAndTheLogHashEqualsTheCallResult)
{
    const PrivateKey key = dev_key(0);
    const Address sender = address_of(key);
    const DepositOptions options{.receiver = sender, .amount = kEther, .pricing = kExactPrice};
    const DepositPlan plan = plan_deposit(l1_, nullptr, bridge_, sender, options);
    EXPECT_EQ(plan.l2_gas_limit, kFallbackEthDepositL2Gas);
    EXPECT_EQ(plan.base_cost, l2_base_cost(l1_, bridge_, kExactPrice.max_fee_per_gas, plan.l2_gas_limit));
    EXPECT_EQ(plan.call.value, plan.base_cost + kEther);

    const Hash expected = preview_l2_hash(l1_, sender, plan);
    const U256 before = l1_.get_balance(bridge_.l1_native_token_vault);
    const DepositResult result = send_deposit(l1_, bridge_, key, plan, {});
    EXPECT_EQ(result.l1.receipt.at("status"), "0x1");
    EXPECT_EQ(to_hex(result.l2_hash), to_hex(expected));
    EXPECT_NE(result.l2_hash, Hash{});
    EXPECT_EQ(l1_.get_balance(bridge_.l1_native_token_vault), before + plan.call.value)
        << "the vault holds the minted ETH";
    std::cout << "L1 gas per ETH deposit: " << result.l1.gas_used << "\n";
    EXPECT_GT(result.l1.gas_used, 100'000u);
    EXPECT_LT(result.l1.gas_used, 400'000u);
}

/// Deploys the suite's ERC20 from `key` (the whole supply to it) and returns its address.
Address deploy_token(rpc::Client& l1, const PrivateKey& key, const U256& supply)
{
    const Address sender = address_of(key);
    const Pricing pricing = node_pricing(l1);
    const Eip1559Txn txn{.chain_id = l1.chain_id(),
                         .nonce = l1.get_transaction_count(sender, "pending"),
                         .max_priority_fee_per_gas = pricing.max_priority_fee_per_gas,
                         .max_fee_per_gas = pricing.max_fee_per_gas,
                         .gas_limit = 3'000'000,
                         .to = std::nullopt,
                         .value = 0,
                         .data = token_creation_code(supply)};
    const SignedTxn signed_txn = sign(txn, key);
    l1.send_raw_transaction(signed_txn.raw);
    const auto receipt = l1.wait_for_receipt(signed_txn.hash, std::chrono::seconds(30));
    EXPECT_EQ(receipt.at("status"), "0x1");
    return evm_create_address(sender, txn.nonce);
}

U256 token_balance(rpc::Client& l1, const Address& token, const Address& holder)
{
    const Bytes word = call_contract(l1, Address{}, {token, 0, erc20_balance_of_calldata(holder)},
                                     std::nullopt, "balanceOf");
    return from_be_bytes(word);
}

TEST_F(L1Contracts, Erc20DepositApprovesTheVaultAndIsIncluded)
{
    const PrivateKey key = dev_key(1);
    const Address sender = address_of(key);
    const Address token = deploy_token(l1_, key, kEther * 1000);
    const DepositOptions options{.receiver = sender, .amount = kEther * 5, .token = token};

    // The flow in one call (approve, plan, send), then a second deposit step by step so the
    // hash of the log can be compared with the call's result.
    const DepositResult first = deposit(l1_, nullptr, bridge_, key, options);
    ASSERT_TRUE(first.approval.has_value());
    EXPECT_EQ(first.l1.receipt.at("status"), "0x1");
    EXPECT_EQ(first.plan.l2_gas_limit, kFallbackErc20DepositL2Gas);
    EXPECT_EQ(first.plan.call.value, first.plan.base_cost) << "msg.value pays the L2 gas only";
    EXPECT_EQ(token_balance(l1_, token, bridge_.l1_native_token_vault), kEther * 5);
    std::cout << "L1 gas per ERC20 deposit (first of a token): approve " << first.approval->gas_used
              << " + deposit " << first.l1.gas_used << "\n";

    send_contract_call(l1_, bridge_.l1_chain_id, key,
                       {token, 0, erc20_approve_calldata(bridge_.l1_native_token_vault, kEther * 5)},
                       node_pricing(l1_), {}, "approve");
    DepositOptions exact = options;
    exact.pricing = kExactPrice;
    const DepositPlan plan = plan_deposit(l1_, nullptr, bridge_, sender, exact);
    const Hash expected = preview_l2_hash(l1_, sender, plan);
    const DepositResult second = send_deposit(l1_, bridge_, key, plan, {});
    EXPECT_EQ(to_hex(second.l2_hash), to_hex(expected));
    EXPECT_NE(second.l2_hash, first.l2_hash);
    EXPECT_EQ(token_balance(l1_, token, bridge_.l1_native_token_vault), kEther * 10);
    std::cout << "L1 gas per ERC20 deposit (token known): " << second.l1.gas_used << "\n";
    EXPECT_LT(second.l1.gas_used, first.l1.gas_used);
}

/// The plan of an ETH deposit whose mintValue and msg.value are one wei short of what the
/// contract computes at the price the transaction pays.
DepositPlan one_wei_short(rpc::Client& l1, const BridgeAddresses& bridge, const Address& sender)
{
    const DepositOptions options{.receiver = sender, .amount = kEther, .pricing = kExactPrice};
    DepositPlan plan = plan_deposit(l1, nullptr, bridge, sender, options);
    const DirectRequest request =
        eth_deposit_request(bridge.l2_chain_id, plan.base_cost - 1, sender, kEther, plan.l2_gas_limit, sender);
    plan.call = {bridge.bridgehub, request.mint_value, request_l2_direct_calldata(request)};
    return plan;
}

TEST_F(L1Contracts, OneWeiTooLittleIsRefusedAndTheErrorNamesIt)
{
    const PrivateKey key = dev_key(2);
    const Address sender = address_of(key);
    const DepositPlan plan = one_wei_short(l1_, bridge_, sender);
    const uint64_t nonce = l1_.get_transaction_count(sender, "latest");
    try
    {
        send_deposit(l1_, bridge_, key, plan, {});
        FAIL() << "a deposit one wei short was accepted";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::refused) << e.what();
        const std::string message = e.what();
        EXPECT_NE(message.find("MsgValueTooLow("), std::string::npos) << message;
        EXPECT_NE(message.find("[0xb385a3da]"), std::string::npos) << message;
        EXPECT_NE(message.find(to_decimal(plan.call.value + 1)), std::string::npos)
            << "the required value is shown: " << message;
    }
    EXPECT_EQ(l1_.get_transaction_count(sender, "latest"), nonce) << "nothing was sent";

    // Forced on chain (gas limit given, no estimate): status 0, and the replay names the reason.
    try
    {
        send_contract_call(l1_, bridge_.l1_chain_id, key, plan.call, plan.pricing, {}, "deposit on L1",
                           uint64_t{400'000});
        FAIL() << "a deposit one wei short was included with status 1";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::reverted) << e.what();
        EXPECT_NE(std::string(e.what()).find("MsgValueTooLow("), std::string::npos) << e.what();
    }
}

TEST_F(L1Contracts, MsgValueDifferentFromMintValueIsRefused)
{
    const PrivateKey key = dev_key(2);
    const Address sender = address_of(key);
    DepositPlan plan = plan_deposit(l1_, nullptr, bridge_, sender,
                                    {.receiver = sender, .amount = kEther, .pricing = kExactPrice});
    plan.call.value -= 1;
    try
    {
        send_deposit(l1_, bridge_, key, plan, {});
        FAIL() << "msg.value != mintValue was accepted";
    }
    catch (const BridgeError& e)
    {
        EXPECT_NE(std::string(e.what()).find("MsgValueMismatch("), std::string::npos) << e.what();
    }
}

/// An ETH withdrawal message as L2BaseToken writes it (finalizeEthWithdrawal selector,
/// receiver, amount, packed) with a made-up batch and proof.
FinalizeParams made_up_finalize(const Address& receiver)
{
    Bytes message = parse_hex("0x6c0960f9");
    append(message, receiver);
    append(message, to_be_bytes32(kEther));
    return {.chain_id = test::kL2ChainId,
            .l2_batch_number = 1,
            .l2_message_index = 0,
            .l2_sender = kL2BaseToken,
            .l2_tx_number_in_batch = 0,
            .message = message,
            .merkle_proof = {Hash{}, parse_hash("0x" + std::string(64, 'a'))}};
}

TEST_F(L1Contracts, FinalizeWithAMadeUpProofIsRevertedByTheNullifier)
{
    const PrivateKey key = dev_key(3);
    const Address receiver = address_of(key);
    const FinalizeParams params = made_up_finalize(receiver);
    EXPECT_FALSE(is_withdrawal_finalized(l1_, bridge_, params.l2_batch_number, params.l2_message_index));
    try
    {
        finalize_withdrawal(l1_, bridge_, key, params, std::nullopt, {});
        FAIL() << "a made-up proof was accepted";
    }
    catch (const BridgeError& e)
    {
        const std::string message_text = e.what();
        EXPECT_EQ(e.failure(), FailureClass::refused) << message_text;
        EXPECT_NE(message_text.find("finalizeDeposit on L1"), std::string::npos) << message_text;
        EXPECT_NE(message_text.find("UnsupportedProofMetadataVersion(0) [0x79274f04]"),
                  std::string::npos)
            << message_text;
        std::cout << "finalize with a made-up proof: " << message_text << "\n";
    }
    EXPECT_FALSE(is_withdrawal_finalized(l1_, bridge_, params.l2_batch_number, params.l2_message_index));
}

TEST_F(L1Contracts, TheTraceShowsTheNullifierReverting)
{
    // debug_traceCall of the same finalize: the call enters the nullifier (its proxy, then its
    // implementation) and the revert with the decoded selector comes out of it.
    const Bytes data = finalize_deposit_calldata(made_up_finalize(address_of(dev_key(3))));
    const rpc::Reply reply = l1_.call(
        "debug_traceCall",
        nlohmann::json::array({{{"from", to_hex(address_of(dev_key(3)))},
                                {"to", to_hex(bridge_.l1_nullifier)},
                                {"data", to_hex(data)}},
                               "latest",
                               {{"tracer", "callTracer"}}}));
    ASSERT_TRUE(reply.ok()) << reply.error->describe();
    const nlohmann::json& trace = reply.result;
    EXPECT_EQ(trace.value("to", ""), to_hex(bridge_.l1_nullifier)) << trace.dump();
    EXPECT_TRUE(trace.contains("error")) << trace.dump();
    EXPECT_EQ(trace.value("output", "").substr(0, 10), "0x79274f04") << trace.dump();
}

}  // namespace
}  // namespace zkload::zksync
