// SPDX-License-Identifier: Apache-2.0
#include "codec/keccak.hpp"
#include "reply_error.hpp"
#include "rpc_test_support.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace zkload::test;
using nlohmann::json;
using rpc::ErrorClass;

TEST(rpc_client, typed_helpers_on_anvil)
{
    Anvil anvil = start_anvil();
    rpc::Client& client = anvil.client;
    EXPECT_EQ(client.chain_id(), 31337u);
    EXPECT_TRUE(client.client_version().starts_with("anvil/")) << client.client_version();
    EXPECT_EQ(client.block_number(), 0u);
    const Address sender = parse_address(kDevAccounts[1]);
    EXPECT_EQ(client.get_balance(sender), parse_u256("10000000000000000000000"));
    EXPECT_EQ(client.get_transaction_count(sender), 0u);

    const Bytes raw = sign_with_anvil(client, transfer(kDevAccounts[1], 0));
    const Hash hash = client.send_raw_transaction(raw);
    EXPECT_EQ(hash, keccak256(raw));
    const json receipt = client.wait_for_receipt(hash, std::chrono::seconds(10));
    EXPECT_EQ(receipt["status"], "0x1");
    EXPECT_EQ(receipt["transactionHash"], to_hex(hash));
    EXPECT_EQ(client.get_transaction_count(sender), 1u);
    EXPECT_EQ(client.block_number(), 1u);
    EXPECT_FALSE(client.get_transaction_receipt(Hash{}));
}

TEST(rpc_client, keeps_one_connection_alive)
{
    Anvil anvil = start_anvil();
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(anvil.client.call("eth_chainId").ok());
    EXPECT_EQ(anvil.client.connects(), 1u);
}

TEST(rpc_client, batch_replies_in_request_order)
{
    Anvil anvil = start_anvil();
    const auto replies =
        anvil.client.batch({{"web3_clientVersion", json::array()},
                            {"eth_foo", json::array()},
                            {"eth_chainId", json::array()},
                            {"eth_getTransactionCount", {kDevAccounts[2], "latest"}}});
    ASSERT_EQ(replies.size(), 4u);
    EXPECT_TRUE(replies[0].result.get<std::string>().starts_with("anvil/"));
    EXPECT_EQ(error_of(replies[1]).code, -32601);
    EXPECT_EQ(error_of(replies[1]).error_class, ErrorClass::rpc);
    EXPECT_EQ(replies[2].result, "0x7a69");
    EXPECT_EQ(replies[3].result, "0x0");
    EXPECT_TRUE(anvil.client.batch({}).empty());
}

TEST(rpc_client, call_or_throw_carries_the_error)
{
    Anvil anvil = start_anvil();
    try
    {
        anvil.client.call_or_throw("eth_foo");
        FAIL() << "an unknown method succeeded";
    }
    catch (const rpc::RpcException& e)
    {
        EXPECT_EQ(e.error().code, -32601);
        EXPECT_EQ(e.error().message, "Method not found");
        EXPECT_STREQ(e.what(), "rpc: JSON-RPC error -32601: Method not found");
    }
}

TEST(rpc_client, wait_for_receipt_gives_up_with_a_timeout)
{
    Anvil anvil = start_anvil({"--no-mining"});
    const Hash hash = parse_hash(
        anvil.client
            .call_or_throw("eth_sendTransaction", json::array({transfer(kDevAccounts[1], 0)}))
            .get<std::string>());
    try
    {
        anvil.client.wait_for_receipt(hash, std::chrono::milliseconds(300),
                                      std::chrono::milliseconds(50));
        FAIL() << "a receipt appeared without mining";
    }
    catch (const rpc::RpcException& e)
    {
        EXPECT_EQ(e.error_class(), ErrorClass::timeout) << e.what();
        EXPECT_NE(std::string(e.what()).find(to_hex(hash)), std::string::npos) << e.what();
    }
}

TEST(rpc_client, transport_error_on_a_closed_port)
{
    const std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
    rpc::Client client({url, std::chrono::milliseconds(2000), std::chrono::milliseconds(500)});
    const rpc::Error error = error_of(client.call("eth_chainId"));
    EXPECT_EQ(error.error_class, ErrorClass::transport) << error.describe();
    EXPECT_NE(error.describe().find(url), std::string::npos) << error.describe();
    EXPECT_THROW(client.chain_id(), rpc::RpcException);
}

TEST(rpc_client, timeout_on_a_slow_server)
{
    HttpStubServer stub(StubReply{200, "{}", "application/json", std::chrono::milliseconds(3000)});
    rpc::Client client({stub.url(), std::chrono::milliseconds(200)});
    const rpc::Error error = error_of(client.call("eth_chainId"));
    EXPECT_EQ(error.error_class, ErrorClass::timeout) << error.describe();
}

TEST(rpc_client, classifies_http_and_body_failures)
{
    const std::string html = "<html><head><title>502 Bad Gateway</title></head></html>";
    const std::string limit =
        R"({"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"limit exceeded"}})";
    struct Case
    {
        StubReply reply;
        ErrorClass expected;
        std::string quoted;
    };
    const Case cases[] = {
        {{500, "internal failure", "text/plain"},
         ErrorClass::http_status,
         "HTTP 500: internal failure"},
        {{429, "slow down", "text/plain"}, ErrorClass::rate_limited, "HTTP 429: slow down"},
        {{200, limit}, ErrorClass::rate_limited, "-32005: limit exceeded"},
        {{200, html, "text/html"}, ErrorClass::bad_response, "502 Bad Gateway"},
        {{200, R"({"jsonrpc":"2.0","id":1,"result":"0x7a)"}, ErrorClass::bad_response, "not JSON"},
        {{200, R"({"jsonrpc":"2.0","id":99,"result":"0x1"})"},
         ErrorClass::bad_response,
         "does not match request id 1"},
        {{200, R"({"jsonrpc":"2.0","id":1,"result":"0x7a69"})", "application/json",
          std::chrono::milliseconds(0), true},
         ErrorClass::bad_response,
         "curl error 18"},
        {{200, "", "application/json", std::chrono::milliseconds(0), false, true},
         ErrorClass::transport,
         "curl error 52"},
        {{500, std::string(3'000'000, '<')}, ErrorClass::http_status, "3000000 bytes"},
    };
    for (const Case& c : cases)
    {
        HttpStubServer stub(c.reply);
        rpc::Client client({stub.url(), std::chrono::milliseconds(5000)});
        const rpc::Error error = error_of(client.call("eth_chainId"));
        const std::string line = error.describe();
        EXPECT_EQ(to_string(error.error_class), to_string(c.expected)) << line;
        EXPECT_NE(line.find(c.quoted), std::string::npos) << line;
        EXPECT_LT(line.size(), 400u) << line.substr(0, 400);
    }
}

TEST(rpc_client, batch_transport_failure_fails_every_call)
{
    HttpStubServer stub(StubReply{503, "down", "text/plain"});
    rpc::Client client({stub.url()});
    const auto replies =
        client.batch({{"eth_chainId", json::array()}, {"eth_blockNumber", json::array()}});
    ASSERT_EQ(replies.size(), 2u);
    for (const rpc::Reply& reply : replies)
        EXPECT_EQ(error_of(reply).http_status, 503);
}
