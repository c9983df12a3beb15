// SPDX-License-Identifier: Apache-2.0
// What no JSON-RPC client library sends, over a raw socket: malformed JSON, refused framings,
// pipelined requests, HTTP/1.0.
#include "null_node_process.hpp"
#include "raw_http.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace zkload;
using test::post_request;
using test::raw_exchange;

namespace {

/// Every response's body in order, taken apart by Content-Length.
std::vector<std::string> bodies(const std::string& responses)
{
    std::vector<std::string> out;
    size_t at = 0;
    while (at < responses.size())
    {
        const size_t head_end = responses.find("\r\n\r\n", at);
        const size_t length_at = responses.find("Content-Length: ", at);
        if (head_end == std::string::npos || length_at == std::string::npos)
            break;
        const size_t length = std::stoul(responses.substr(length_at + 16));
        out.push_back(responses.substr(head_end + 4, length));
        at = head_end + 4 + length;
    }
    return out;
}

}  // namespace

TEST(null_node_http, malformed_json_gets_32700)
{
    test::NullNodeProcess node;
    const std::string responses = raw_exchange(node.port(), post_request("{\"id\":1,", true));
    EXPECT_TRUE(responses.starts_with("HTTP/1.1 200 OK\r\n")) << responses;
    const auto replies = bodies(responses);
    ASSERT_EQ(replies.size(), 1u) << responses;
    const auto reply = nlohmann::json::parse(replies[0]);
    EXPECT_EQ(reply["error"]["code"], -32700);
    EXPECT_TRUE(reply["id"].is_null());
}

TEST(null_node_http, pipelined_requests_are_answered_in_order_on_one_connection)
{
    test::NullNodeProcess node({"--chain-id", "5"});
    const std::string request =
        post_request(R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId"})", false) +
        post_request(R"({"jsonrpc":"2.0","id":2,"method":"net_version"})", false) +
        post_request(R"({"jsonrpc":"2.0","id":3,"method":"eth_gasPrice"})", true);
    const auto replies = bodies(raw_exchange(node.port(), request));
    ASSERT_EQ(replies.size(), 3u);
    EXPECT_EQ(replies[0], R"({"jsonrpc":"2.0","id":1,"result":"0x5"})");
    EXPECT_EQ(replies[1], R"({"jsonrpc":"2.0","id":2,"result":"5"})");
    EXPECT_EQ(replies[2], R"({"jsonrpc":"2.0","id":3,"result":"0x77359400"})");
}

TEST(null_node_http, a_chunked_body_is_refused_with_411_and_the_connection_closed)
{
    test::NullNodeProcess node;
    const std::string responses = raw_exchange(
        node.port(), "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    EXPECT_TRUE(responses.starts_with("HTTP/1.1 411 Length Required\r\n")) << responses;
    EXPECT_NE(responses.find("Connection: close"), std::string::npos);
}

TEST(null_node_http, other_methods_than_post_get_405)
{
    test::NullNodeProcess node;
    const std::string responses = raw_exchange(node.port(), "GET / HTTP/1.1\r\n\r\n");
    EXPECT_TRUE(responses.starts_with("HTTP/1.1 405 Method Not Allowed\r\n")) << responses;
    EXPECT_NE(responses.find("Allow: POST"), std::string::npos);
}

TEST(null_node_http, http_1_0_closes_after_the_response)
{
    test::NullNodeProcess node;
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId"})";
    const std::string request = "POST / HTTP/1.0\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body + body;
    const auto start = std::chrono::steady_clock::now();
    const std::string responses = raw_exchange(node.port(), request);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2))
        << "the server should close, not wait for the client";
    EXPECT_EQ(bodies(responses).size(), 1u) << responses;
    EXPECT_NE(responses.find("Connection: close"), std::string::npos);
}
