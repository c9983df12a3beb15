// SPDX-License-Identifier: Apache-2.0
// The L2 half of the bridge flows against L2NodeDouble (a test double, not a zkSync node) with
// the real L1 contracts in anvil: discovery through zks_ methods, the wait for a priority
// operation's L2 receipt, a withdrawal's receipt → finalized block → proof → finalize, and the
// timeouts of each wait. What the double answers is made up; the product code is the same a
// real node meets.
#include "txn/ecdsa.hpp"
#include "l1_bridge_anvil.hpp"
#include "l2_node_double.hpp"
#include "zksync/deposit.hpp"
#include "zksync/priority_op.hpp"
#include "zksync/withdrawal.hpp"

#include <gtest/gtest.h>

namespace zkload::zksync {
namespace {

using namespace std::chrono_literals;
using test::dev_key;
using Clock = std::chrono::steady_clock;

const U256 kEther = U256(1'000'000'000'000'000'000ULL);

class L2FlowDouble : public testing::Test
{
protected:
    static void SetUpTestSuite() { anvil_ = new test::L1BridgeAnvil(); }
    static void TearDownTestSuite()
    {
        delete anvil_;
        anvil_ = nullptr;
    }

    test::L2NodeDouble::Config config() const
    {
        return {.bridgehub = test::kBridgehub, .l1_shared_bridge = test::kAssetRouter};
    }

    static test::L1BridgeAnvil* anvil_;
    rpc::Client l1_ = anvil_->client();
};

test::L1BridgeAnvil* L2FlowDouble::anvil_ = nullptr;

TEST_F(L2FlowDouble, DiscoveryAsksTheL2AndReadsTheRestFromL1)
{
    test::L2NodeDouble l2_node(config());
    rpc::Client l2({.url = l2_node.url()});
    EXPECT_TRUE(is_zksync_node(l2));
    EXPECT_FALSE(is_zksync_node(l1_)) << "plain anvil has no zks_L1ChainId";
    const BridgeAddresses bridge = discover_bridge(&l2, l1_, {});
    EXPECT_EQ(bridge.l2_chain_id, 260u);
    EXPECT_EQ(bridge.bridgehub, test::kBridgehub);
    EXPECT_EQ(bridge.diamond_proxy, test::kDiamondProxy);
    EXPECT_EQ(bridge.l1_asset_router, test::kAssetRouter);
    EXPECT_EQ(bridge.l1_nullifier, test::kNullifier);
    EXPECT_EQ(l2_node.calls("zks_getBridgehubContract"), 1u);

    auto wrong = config();
    wrong.l1_chain_id = 1;
    test::L2NodeDouble other(wrong);
    rpc::Client l2_other({.url = other.url()});
    try
    {
        discover_bridge(&l2_other, l1_, {});
        FAIL() << "an L2 of another L1 was accepted";
    }
    catch (const BridgeError& e)
    {
        EXPECT_NE(std::string(e.what()).find("settles on chain 1"), std::string::npos) << e.what();
    }
}

TEST_F(L2FlowDouble, DepositWaitsForThePriorityOperationOnL2)
{
    test::L2NodeDouble l2_node(config());
    rpc::Client l2({.url = l2_node.url()});
    const BridgeAddresses bridge = discover_bridge(&l2, l1_, {});
    const PrivateKey key = dev_key(0);
    const DepositResult result =
        deposit(l1_, &l2, bridge, key, {.receiver = address_of(key), .amount = kEther});
    EXPECT_EQ(result.plan.l2_gas_limit, 600'000u) << "from zks_estimateGasL1ToL2";
    l2_node.expect_priority_op(result.l2_hash);
    const auto start = Clock::now();
    const nlohmann::json receipt = await_l2_receipt(l2, result.l2_hash, {5s, 50ms}, "deposit");
    EXPECT_GE(Clock::now() - start, 250ms);
    EXPECT_EQ(receipt.at("transactionHash"), to_hex(result.l2_hash));
    EXPECT_GE(l2_node.calls("eth_getTransactionReceipt"), 3u) << "it polled until the receipt came";
}

TEST_F(L2FlowDouble, ADepositIsFoundInTheL1LogsWithoutBeingAnnounced)
{
    auto watching = config();
    watching.l1_url = anvil_->url();
    watching.diamond_proxy = test::kDiamondProxy;
    watching.require_funds = true;
    test::L2NodeDouble l2_node(watching);
    rpc::Client l2({.url = l2_node.url()});
    const BridgeAddresses bridge = discover_bridge(&l2, l1_, {});
    const PrivateKey key = dev_key(3);
    const Address receiver = address_of(dev_key(2));
    EXPECT_EQ(l2.get_balance(receiver), U256(0));
    const DepositResult result = deposit(l1_, &l2, bridge, key, {.receiver = receiver, .amount = kEther});
    const nlohmann::json receipt = await_l2_receipt(l2, result.l2_hash, {5s, 50ms}, "deposit");
    EXPECT_EQ(receipt.at("from"), to_hex(address_of(key)));
    EXPECT_EQ(receipt.at("to"), to_hex(receiver));
    EXPECT_EQ(l2.get_balance(receiver), kEther) << "the L2 value of the real L1 request";

    // Funds on L2 are what deposits brought: a withdrawal of more is refused.
    try
    {
        withdraw(l2, bridge, dev_key(2), {.l1_receiver = receiver, .amount = kEther + 1});
        FAIL() << "a withdrawal above the balance was accepted";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::refused) << e.what();
        EXPECT_NE(std::string(e.what()).find("Not enough balance to cover the fee + value"), std::string::npos)
            << e.what();
    }
}

TEST_F(L2FlowDouble, PriorityOperationNeverExecutedTimesOut)
{
    auto never = config();
    never.execute_after.reset();
    test::L2NodeDouble l2_node(never);
    rpc::Client l2({.url = l2_node.url()});
    const Hash hash = parse_hash("0x" + std::string(64, '1'));
    l2_node.expect_priority_op(hash);
    const auto start = Clock::now();
    try
    {
        await_l2_receipt(l2, hash, {600ms, 50ms}, "deposit");
        FAIL() << "no receipt, yet no timeout";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::timeout) << e.what();
    }
    EXPECT_GE(Clock::now() - start, 500ms);
    EXPECT_LT(Clock::now() - start, 3s);
}

TEST_F(L2FlowDouble, WithdrawalIsProvenAfterFinalityThenFinalizeReachesTheNullifier)
{
    test::L2NodeDouble l2_node(config());
    rpc::Client l2({.url = l2_node.url()});
    const BridgeAddresses bridge = discover_bridge(&l2, l1_, {});
    const PrivateKey key = dev_key(4);
    const auto start = Clock::now();
    const IncludedTxn sent =
        withdraw(l2, bridge, key, {.l1_receiver = address_of(key), .amount = kEther});
    ASSERT_EQ(l2_node.raw_transactions().size(), 1u);
    EXPECT_EQ(sent.gas_used, 0x2a000u);

    const ProvenWithdrawal proven =
        prove_withdrawal(l2, sent.hash, json_quantity(sent.receipt, "blockNumber", "receipt"), {5s, 50ms});
    const WithdrawalMessage& message = proven.message;
    const LogProof& proof = proven.proof;
    EXPECT_EQ(message.l2_sender, kL2BaseToken);
    Bytes expected = parse_hex("0x6c0960f9");  // finalizeEthWithdrawal, receiver, amount
    append(expected, address_of(key));
    append(expected, to_be_bytes32(kEther));
    EXPECT_EQ(message.message, expected) << "the message follows the signed transaction";
    EXPECT_EQ(message.l2_to_l1_log_index, 1u) << "the messenger's entry follows a system log";
    EXPECT_EQ(message.l1_batch_tx_index, 3u);
    EXPECT_EQ(l2_node.calls("eth_getTransactionReceipt"), 2u) << "the receipt is read again once final";
    EXPECT_GE(l2_node.calls("eth_getBlockByNumber"), 4u) << "it polled the finalized block";
    EXPECT_EQ(l2_node.proof_index_asked(), 1u);
    EXPECT_EQ(proof.id, U256(test::L2NodeDouble::kProofId));
    EXPECT_EQ(proof.proof.size(), 2u);
    EXPECT_GE(Clock::now() - start, 550ms) << "the proof came after finality";

    // The double's proof is made up: the real nullifier refuses it, with the reason decoded.
    try
    {
        finalize_withdrawal(l1_, bridge, key, finalize_params(bridge.l2_chain_id, message, proof),
                            std::nullopt, {});
        FAIL() << "a made-up proof was accepted";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::refused) << e.what();
        EXPECT_NE(std::string(e.what()).find("revert reason: "), std::string::npos) << e.what();
    }
}

TEST_F(L2FlowDouble, FinalityAndProofWaitsTimeOut)
{
    auto never_final = config();
    never_final.finalize_after.reset();
    test::L2NodeDouble l2_node(never_final);
    rpc::Client l2({.url = l2_node.url()});
    const BridgeAddresses bridge = discover_bridge(&l2, l1_, {});
    const IncludedTxn sent =
        withdraw(l2, bridge, dev_key(4), {.l1_receiver = address_of(dev_key(4)), .amount = 1});
    const WithdrawalMessage message = withdrawal_message(sent.receipt);
    try
    {
        await_finalized_block(l2, message.block_number, {400ms, 50ms});
        FAIL() << "never finalized, yet no timeout";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::timeout) << e.what();
        EXPECT_NE(std::string(e.what()).find("not finalized"), std::string::npos) << e.what();
    }
    try
    {
        await_log_proof(l2, sent.hash, message.l2_to_l1_log_index, {400ms, 50ms});
        FAIL() << "never proven, yet no timeout";
    }
    catch (const BridgeError& e)
    {
        EXPECT_EQ(e.failure(), FailureClass::timeout) << e.what();
    }
    EXPECT_GE(l2_node.calls("zks_getL2ToL1LogProof"), 4u);
}

}  // namespace
}  // namespace zkload::zksync
