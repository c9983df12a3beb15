// SPDX-License-Identifier: Apache-2.0
#include "reply_error.hpp"
#include "rpc_test_support.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace zkload::test;
using nlohmann::json;
using rpc::ErrorClass;

namespace {

rpc::Error send(rpc::Client& client, const json& txn)
{
    return error_of(client.call("eth_sendTransaction", json::array({txn})));
}

}  // namespace

TEST(rpc_errors_anvil, classifies_nonce_too_low)
{
    Anvil anvil = start_anvil({"--no-mining"});
    ASSERT_TRUE(
        anvil.client.call("eth_sendTransaction", json::array({transfer(kDevAccounts[1], 0)})).ok());
    ASSERT_TRUE(anvil.client.call("evm_mine").ok());
    const Bytes stale = sign_with_anvil(anvil.client, transfer(kDevAccounts[1], 0, kGasPrice, 2));
    try
    {
        anvil.client.send_raw_transaction(stale);
        FAIL() << "a mined nonce was accepted again";
    }
    catch (const rpc::RpcException& e)
    {
        EXPECT_EQ(e.error().message, "nonce too low");
        EXPECT_EQ(e.error().code, -32003);
        EXPECT_EQ(e.error_class(), ErrorClass::nonce_too_low);
    }
}

TEST(rpc_errors_anvil, classifies_already_known)
{
    Anvil anvil = start_anvil({"--no-mining"});
    const Bytes raw = sign_with_anvil(anvil.client, transfer(kDevAccounts[1], 0));
    anvil.client.send_raw_transaction(raw);
    const rpc::Error error = error_of(anvil.client.call("eth_sendRawTransaction", {to_hex(raw)}));
    EXPECT_EQ(error.message, "transaction already imported");
    EXPECT_EQ(error.error_class, ErrorClass::already_known) << error.describe();
}

TEST(rpc_errors_anvil, classifies_replacement_underpriced)
{
    Anvil anvil = start_anvil({"--no-mining"});
    ASSERT_TRUE(
        anvil.client.call("eth_sendTransaction", json::array({transfer(kDevAccounts[1], 0)})).ok());
    const rpc::Error error = send(anvil.client, transfer(kDevAccounts[1], 0, kGasPrice, 2));
    EXPECT_EQ(error.message, "replacement transaction underpriced");
    EXPECT_EQ(error.error_class, ErrorClass::replacement_underpriced) << error.describe();
}

TEST(rpc_errors_anvil, classifies_insufficient_funds_of_an_unfunded_sender)
{
    Anvil anvil = start_anvil({"--no-mining"});
    const std::string unfunded = "0x1111111111111111111111111111111111111111";
    ASSERT_TRUE(anvil.client.call("anvil_impersonateAccount", {unfunded}).ok());
    const rpc::Error error = send(anvil.client, transfer(unfunded, 0));
    EXPECT_EQ(error.message, "Insufficient funds for gas * price + value");
    EXPECT_EQ(error.error_class, ErrorClass::insufficient_funds) << error.describe();
}

TEST(rpc_errors_anvil, classifies_fee_below_base_fee)
{
    Anvil anvil = start_anvil({"--no-mining"});
    const rpc::Error legacy = send(anvil.client, transfer(kDevAccounts[1], 0, "0x1"));
    EXPECT_EQ(legacy.message, "max fee per gas less than block base fee");
    EXPECT_EQ(legacy.error_class, ErrorClass::fee_too_low) << legacy.describe();
    json dynamic = transfer(kDevAccounts[1], 0);
    dynamic.erase("gasPrice");
    dynamic["maxFeePerGas"] = "0x1";
    dynamic["maxPriorityFeePerGas"] = "0x1";
    EXPECT_EQ(send(anvil.client, dynamic).error_class, ErrorClass::fee_too_low);
}

TEST(rpc_errors_anvil, classifies_execution_reverted)
{
    Anvil anvil = start_anvil({"--no-mining"});
    const json reverting_init_code = {{"from", kDevAccounts[1]}, {"data", "0x60006000fd"}};
    const rpc::Error error =
        error_of(anvil.client.call("eth_call", {reverting_init_code, "latest"}));
    EXPECT_EQ(error.message, "execution reverted");
    EXPECT_EQ(error.code, 3);
    EXPECT_EQ(error.data, json("0x"));
    EXPECT_EQ(error.error_class, ErrorClass::execution_reverted) << error.describe();
}

TEST(rpc_errors_anvil, gapped_nonce_is_queued_not_rejected)
{
    Anvil anvil = start_anvil({"--no-mining"});
    const rpc::Reply reply =
        anvil.client.call("eth_sendTransaction", json::array({transfer(kDevAccounts[1], 5)}));
    ASSERT_TRUE(reply.ok()) << "anvil 1.7.1 queues a future nonce; now it says: "
                            << reply.error->describe();
    EXPECT_EQ(anvil.client.call_or_throw("txpool_status")["queued"], "0x1");
}
