// SPDX-License-Identifier: Apache-2.0
#include "rpc/json_rpc.hpp"

#include <gtest/gtest.h>

using namespace zkload::rpc;
using nlohmann::json;

namespace {

std::string class_of(const Reply& reply)
{
    return reply.error ? std::string(to_string(reply.error->error_class)) : "ok";
}

}  // namespace

TEST(json_rpc, request_body_shape)
{
    EXPECT_EQ(make_request("eth_chainId", json::array(), 7),
              R"({"jsonrpc":"2.0","id":7,"method":"eth_chainId","params":[]})");
    EXPECT_EQ(make_request("eth_blockNumber", nullptr, 1),
              R"({"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]})");
    const json body = json::parse(
        make_request("eth_getBalance",
                     json::array({"0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "latest"}), 9));
    EXPECT_EQ(body["params"][1], "latest");
    EXPECT_EQ(body["id"], 9);
    EXPECT_EQ(json::parse(make_request("we\"ird", json::object({{"a", 1}}), 2))["method"],
              "we\"ird");
    EXPECT_THROW(make_request("eth_chainId", "not params", 1), std::invalid_argument);
}

TEST(json_rpc, append_reuses_the_buffer)
{
    std::string buffer = "junk";
    buffer.clear();
    append_request(buffer, "eth_chainId", json::array(), 3);
    append_request(buffer, "eth_chainId", json::array(), 4);
    EXPECT_EQ(buffer, R"({"jsonrpc":"2.0","id":3,"method":"eth_chainId","params":[]})"
                      R"({"jsonrpc":"2.0","id":4,"method":"eth_chainId","params":[]})");
}

TEST(json_rpc, batch_body_numbers_calls_in_order)
{
    const json batch = json::parse(make_batch(
        {{"eth_chainId", json::array()}, {"eth_getBlockByNumber", json::array({"0x0", false})}},
        10));
    ASSERT_TRUE(batch.is_array());
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0]["id"], 10);
    EXPECT_EQ(batch[0]["method"], "eth_chainId");
    EXPECT_EQ(batch[1]["id"], 11);
    EXPECT_EQ(batch[1]["params"], json::array({"0x0", false}));
    EXPECT_EQ(batch[1]["jsonrpc"], "2.0");
}

TEST(json_rpc, request_id_of_prebuilt_bodies)
{
    EXPECT_EQ(request_id(make_request("eth_sendRawTransaction", json::array({"0x02"}), 42)), 42u);
    EXPECT_EQ(request_id(R"({"method":"eth_chainId","params":[],"id":5,"jsonrpc":"2.0"})"), 5u);
    EXPECT_FALSE(request_id(R"({"jsonrpc":"2.0","id":"5","method":"eth_chainId"})"));
    EXPECT_FALSE(request_id(R"({"jsonrpc":"2.0","method":"eth_chainId"})"));
    EXPECT_FALSE(request_id("not json"));
}

TEST(json_rpc, parses_results_and_null_results)
{
    const Reply reply = parse_reply(R"({"jsonrpc":"2.0","id":1,"result":"0x7a69"})", 1);
    ASSERT_TRUE(reply.ok()) << reply.error->describe();
    EXPECT_EQ(reply.result, "0x7a69");
    const Reply pending = parse_reply(R"({"id":2,"result":null,"jsonrpc":"2.0"})", 2);
    ASSERT_TRUE(pending.ok());
    EXPECT_TRUE(pending.result.is_null());
    const Reply geth_style =
        parse_reply("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"a\":[1]}}\n", 3);
    ASSERT_TRUE(geth_style.ok());
    EXPECT_EQ(geth_style.result, json::parse(R"({"a":[1]})"));
}

TEST(json_rpc, parses_and_classifies_node_errors)
{
    const Reply reply = parse_reply(
        R"({"jsonrpc":"2.0","id":4,"error":{"code":3,"message":"execution reverted","data":"0x"}})",
        4);
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error->error_class, ErrorClass::execution_reverted);
    EXPECT_EQ(reply.error->code, 3);
    EXPECT_EQ(reply.error->data, json("0x"));

    const Reply rejected = parse_reply(
        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}})", 8);
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error->error_class, ErrorClass::rpc);
    EXPECT_EQ(rejected.error->code, -32600);
}

TEST(json_rpc, rejects_what_is_not_the_reply)
{
    const std::pair<const char*, const char*> kBad[] = {
        {"<html><body>502 Bad Gateway</body></html>", "not JSON"},
        {R"({"jsonrpc":"2.0","id":1,"result":"0x7a)", "not JSON"},
        {R"({"jsonrpc":"2.0","id":2,"result":"0x1"})", "does not match"},
        {R"({"jsonrpc":"2.0","id":"1","result":"0x1"})", "does not match"},
        {R"({"jsonrpc":"2.0","id":01,"result":"0x1"})", "not JSON"},
        {R"({"jsonrpc":"2.0","id":1,"result":"0x1"}})", "not JSON"},
        {R"({"jsonrpc":"2.0","result":"0x1"})", "does not match"},
        {R"({"id":1,"result":"0x1"})", "not JSON-RPC 2.0"},
        {R"({"jsonrpc":"2.0","id":1})", "exactly one"},
        {R"({"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"x"}})", "exactly one"},
        {R"({"jsonrpc":"2.0","id":1,"error":{"code":"x","message":"x"}})", "malformed"},
        {R"([{"jsonrpc":"2.0","id":1,"result":"0x1"}])", "not a JSON-RPC object"},
        {"", "not JSON"},
    };
    for (const auto& [body, why] : kBad)
    {
        const Reply reply = parse_reply(body, 1);
        ASSERT_FALSE(reply.ok()) << body;
        EXPECT_EQ(reply.error->error_class, ErrorClass::bad_response) << body;
        EXPECT_NE(reply.error->message.find(why), std::string::npos)
            << body << " -> " << reply.error->message;
    }
}

TEST(json_rpc, bad_reply_quotes_a_capped_excerpt)
{
    const std::string html = "<html>" + std::string(5'000'000, 'x');
    const Reply reply = parse_reply(html, 1);
    ASSERT_FALSE(reply.ok());
    EXPECT_LT(reply.error->message.size(), 600u);
    EXPECT_LT(reply.error->describe().size(), 600u);
    EXPECT_NE(reply.error->message.find("<html>"), std::string::npos);
}

TEST(json_rpc, batch_reply_out_of_order_is_put_in_request_order)
{
    const auto replies = parse_batch_reply(
        R"([{"jsonrpc":"2.0","id":12,"error":{"code":-32601,"message":"Method not found"}},)"
        R"({"jsonrpc":"2.0","id":10,"result":"0x7a69"},)"
        R"({"jsonrpc":"2.0","id":11,"result":"anvil/v1.7.1"}])",
        10, 3);
    ASSERT_EQ(replies.size(), 3u);
    EXPECT_EQ(replies[0].result, "0x7a69");
    EXPECT_EQ(replies[1].result, "anvil/v1.7.1");
    ASSERT_FALSE(replies[2].ok());
    EXPECT_EQ(replies[2].error->code, -32601);
    EXPECT_EQ(replies[2].error->error_class, ErrorClass::rpc);
}

TEST(json_rpc, batch_reply_with_missing_duplicate_or_unknown_ids_fails_whole)
{
    const std::pair<const char*, const char*> kBad[] = {
        {R"([{"jsonrpc":"2.0","id":1,"result":"0x1"}])", "lacks id 2"},
        {R"([{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":1,"result":"0x1"}])",
         "repeats id 1"},
        {R"([{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":3,"result":"0x1"}])",
         "unknown id"},
        {R"([{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":null,"result":"0x1"}])",
         "unknown id"},
        {R"({"jsonrpc":"2.0","id":1,"result":"0x1"})", "single reply"},
        {R"("text")", "not an array"},
        {R"([{"jsonrpc":"2.0","id":1,"result":"0x1"},)", "not JSON"},
    };
    for (const auto& [body, why] : kBad)
    {
        const auto replies = parse_batch_reply(body, 1, 2);
        ASSERT_EQ(replies.size(), 2u) << body;
        for (const Reply& reply : replies)
        {
            ASSERT_EQ(class_of(reply), "bad_response") << body;
            EXPECT_NE(reply.error->message.find(why), std::string::npos)
                << body << " -> " << reply.error->message;
        }
    }
}

TEST(json_rpc, batch_rejected_by_the_node_gives_every_call_its_error)
{
    const auto replies = parse_batch_reply(
        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}})", 1, 3);
    ASSERT_EQ(replies.size(), 3u);
    for (const Reply& reply : replies)
    {
        EXPECT_EQ(class_of(reply), "rpc");
        EXPECT_EQ(reply.error->code, -32600);
    }
}
