// SPDX-License-Identifier: Apache-2.0
#include "send_fast_path.hpp"

#include "rpc/json_rpc.hpp"
#include "rpc_dispatch.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace zkload;
using namespace zkload::null_node;

TEST(send_fast_path, matches_the_body_zkload_writes)
{
    const std::string body = rpc::make_request(
        "eth_sendRawTransaction", nlohmann::json::array({"0x02c0"}), 18446744073709551615u);
    const auto send = match_send_request(body);
    ASSERT_TRUE(send) << body;
    EXPECT_EQ(send->id, 18446744073709551615u);
    EXPECT_EQ(send->raw_hex, "0x02c0");
}

TEST(send_fast_path, leaves_every_other_shape_to_the_parser)
{
    for (const char* body : {
             R"({"method":"eth_sendRawTransaction","params":["0x02c0"],"id":1,"jsonrpc":"2.0"})",
             R"({"jsonrpc":"2.0","id":"1","method":"eth_sendRawTransaction","params":["0x02c0"]})",
             R"({"jsonrpc":"2.0","id":1,"method":"eth_sendRawTransactionX","params":["0x02c0"]})",
             R"({"jsonrpc":"2.0","id":1,"method":"eth_sendRawTransaction","params":["0x0\"2"]})",
             R"({"jsonrpc":"2.0","id":1,"method":"eth_sendRawTransaction","params":["a","b"]})",
             R"({"jsonrpc":"2.0","id":,"method":"eth_sendRawTransaction","params":["0x02c0"]})",
             R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]})",
         })
        EXPECT_FALSE(match_send_request(body)) << body;
}

TEST(send_fast_path, answers_exactly_as_the_general_path)
{
    const auto answer = [](const std::string& body)
    {
        ChainOfHashes chain(0);
        RpcDispatcher dispatcher(chain, NodeIdentity{});
        std::string reply;
        dispatcher.answer(body, reply);
        return reply;
    };
    for (const char* raw : {"0x02f0aa", "0x", "0xzz", "0x123"})
    {
        const std::string fast = rpc::make_request("eth_sendRawTransaction",
                                                   nlohmann::json::array({raw}), 9);
        const std::string general =
            std::string(R"({"id":9,"jsonrpc":"2.0","method":"eth_sendRawTransaction","params":[")") +
            raw + "\"]}";
        ASSERT_TRUE(match_send_request(fast));
        ASSERT_FALSE(match_send_request(general));
        EXPECT_EQ(answer(fast), answer(general)) << raw;
    }
}
