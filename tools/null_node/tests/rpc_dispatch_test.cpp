// SPDX-License-Identifier: Apache-2.0
#include "rpc_dispatch.hpp"

#include "codec/keccak.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace zkload;
using namespace zkload::null_node;
using nlohmann::json;

namespace {

class RpcDispatchTest : public ::testing::Test
{
protected:
    /// One request's reply, parsed.
    json ask(const std::string& body)
    {
        dispatcher_.answer(body, reply_);
        return json::parse(reply_);
    }

    json call(const std::string& method, const json& params = json::array())
    {
        return ask(json{{"jsonrpc", "2.0"}, {"id", 7}, {"method", method}, {"params", params}}
                       .dump());
    }

    ChainOfHashes chain_{1'700'000'000};
    RpcDispatcher dispatcher_{chain_, NodeIdentity{31337, "zkload-null-node/test"}};
    std::string reply_;
};

}  // namespace

TEST_F(RpcDispatchTest, malformed_json_is_a_parse_error_with_null_id)
{
    const json reply = ask("{\"jsonrpc\":");
    EXPECT_EQ(reply["error"]["code"], -32700);
    EXPECT_TRUE(reply["id"].is_null());
}

TEST_F(RpcDispatchTest, request_errors_keep_the_id)
{
    EXPECT_EQ(call("eth_nope")["error"]["code"], -32601);
    EXPECT_EQ(call("eth_nope")["id"], 7);
    EXPECT_EQ(ask("[]")["error"]["code"], -32600);
    EXPECT_EQ(ask("{\"jsonrpc\":\"2.0\",\"id\":1}")["error"]["code"], -32600);
    EXPECT_EQ(call("eth_getBlockByNumber", json::array({"tomorrow", false}))["error"]["code"],
              -32602);
    EXPECT_EQ(call("eth_getBlockByNumber", json::array({"latest", true}))["error"]["code"],
              -32602);
    EXPECT_EQ(call("eth_sendRawTransaction", json::array({"0xzz"}))["error"]["code"], -32602);
    EXPECT_EQ(call("eth_sendRawTransaction", json::array())["error"]["code"], -32602);
}

TEST_F(RpcDispatchTest, a_batch_answers_in_order_and_skips_notifications)
{
    const json reply = ask(R"([{"jsonrpc":"2.0","id":"a","method":"eth_chainId"},
                               {"jsonrpc":"2.0","method":"eth_chainId"},
                               5,
                               {"jsonrpc":"2.0","id":3,"method":"net_version"}])");
    ASSERT_EQ(reply.size(), 3u);
    EXPECT_EQ(reply[0]["id"], "a");
    EXPECT_EQ(reply[0]["result"], "0x7a69");
    EXPECT_EQ(reply[1]["error"]["code"], -32600);
    EXPECT_EQ(reply[2]["result"], "31337");
    dispatcher_.answer(R"({"jsonrpc":"2.0","method":"eth_chainId"})", reply_);
    EXPECT_EQ(reply_, "") << "a lone notification gets no reply";
}

TEST_F(RpcDispatchTest, sent_transactions_get_receipts_once_sealed)
{
    const Bytes raw{0x02, 0xc0};
    const std::string expected = to_hex(keccak256(raw));
    EXPECT_EQ(call("eth_sendRawTransaction", json::array({to_hex(raw)}))["result"], expected);
    const json again = call("eth_sendRawTransaction", json::array({to_hex(raw)}));
    EXPECT_EQ(again["error"]["message"], "already known");
    EXPECT_TRUE(call("eth_getTransactionReceipt", json::array({expected}))["result"].is_null());

    chain_.seal(1'700'000'001);
    const json receipts = call("eth_getBlockReceipts", json::array({"0x1"}))["result"];
    ASSERT_EQ(receipts.size(), 1u);
    EXPECT_EQ(receipts[0]["transactionHash"], expected);
    EXPECT_EQ(receipts[0]["blockNumber"], "0x1");
    EXPECT_EQ(receipts[0]["blockHash"], to_hex(ChainOfHashes::block_hash(1)));
    EXPECT_EQ(receipts[0]["status"], "0x1");
    EXPECT_EQ(receipts[0]["gasUsed"], "0x5208");
    EXPECT_EQ(call("eth_getTransactionReceipt", json::array({expected}))["result"], receipts[0]);
    EXPECT_EQ(call("eth_getBlockReceipts", json::array({"latest"}))["result"], receipts);

    const json block = call("eth_getBlockByNumber", json::array({"0x1", false}))["result"];
    EXPECT_EQ(block["transactions"], json::array({expected}));
    EXPECT_EQ(block["parentHash"], to_hex(ChainOfHashes::block_hash(0)));
    EXPECT_EQ(block["gasUsed"], "0x5208");
    EXPECT_EQ(block["timestamp"], "0x6553f101");
    EXPECT_EQ(call("eth_blockNumber")["result"], "0x1");
    EXPECT_TRUE(call("eth_getBlockReceipts", json::array({"0x2"}))["result"].is_null());
    EXPECT_EQ(call("eth_getBlockByNumber", json::array({"earliest", false}))["result"]["number"],
              "0x0");
}

TEST_F(RpcDispatchTest, fixed_answers_describe_a_rich_plain_evm_chain)
{
    EXPECT_EQ(call("eth_chainId")["result"], "0x7a69");
    EXPECT_EQ(call("web3_clientVersion")["result"], "zkload-null-node/test");
    EXPECT_EQ(call("eth_getTransactionCount", json::array({"0x00", "pending"}))["result"], "0x0");  // none accepted yet
    EXPECT_EQ(call("eth_getBalance")["result"], "0xc9f2c9cd04674edea40000000");  // 10^30
    EXPECT_EQ(call("eth_estimateGas")["result"], "0x5208");
    EXPECT_EQ(call("eth_getCode")["result"], "0x");
    EXPECT_EQ(call("eth_call")["result"].get<std::string>().size(), 66u);
    EXPECT_EQ(call("eth_maxPriorityFeePerGas")["result"], "0x3b9aca00");
    EXPECT_EQ(call("zks_L1ChainId")["error"]["code"], -32601) << "seen as a plain EVM chain";

    chain_.seal(1);
    chain_.seal(2);
    const json history =
        call("eth_feeHistory", json::array({"0x4", "latest", json::array({50})}))["result"];
    EXPECT_EQ(history["oldestBlock"], "0x0") << "only 3 blocks exist";
    EXPECT_EQ(history["baseFeePerGas"].size(), 4u);
    EXPECT_EQ(history["gasUsedRatio"].size(), 3u);
    EXPECT_EQ(history["reward"].size(), 3u);
    EXPECT_EQ(history["reward"][0], json::array({"0x3b9aca00"}));
}
