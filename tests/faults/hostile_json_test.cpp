// SPDX-License-Identifier: Apache-2.0
// Replies nested deeper than any node writes. nlohmann::json copies, compares and dumps
// recursively: before the depth check, an error reply whose data was ~100,000 nested arrays
// (200 KB) overflowed the stack when the reply was copied or described.
#include "rpc/errors.hpp"
#include "rpc/json_rpc.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace zkload::rpc {
namespace {

std::string nested_arrays(size_t depth)
{
    return std::string(depth, '[') + std::string(depth, ']');
}

std::string error_with_data(const std::string& data)
{
    return R"({"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"boom","data":)" + data +
           "}}";
}

TEST(hostile_json, depth_is_measured_outside_strings)
{
    EXPECT_TRUE(json_depth_within("[[1]]", 2));
    EXPECT_FALSE(json_depth_within("[[[1]]]", 2));
    EXPECT_TRUE(json_depth_within(R"(["[[[[", {"a": "}}}{{{"}])", 2));
    EXPECT_TRUE(json_depth_within(R"(["\"[[[[", 1])", 1));
    EXPECT_FALSE(json_depth_within(R"([{"a": [["\"]"]]}])", 3));
    EXPECT_TRUE(json_depth_within(nested_arrays(kMaxJsonDepth)));
    EXPECT_FALSE(json_depth_within(nested_arrays(kMaxJsonDepth + 1)));
}

TEST(hostile_json, deep_error_data_is_a_bad_response_not_a_crash)
{
    const std::string body = error_with_data(nested_arrays(100'000));
    const Reply reply = parse_reply(body, 1);
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error->error_class, ErrorClass::bad_response);
    const Reply copy = reply;
    EXPECT_NE(copy.error->describe().find("deeper than " + std::to_string(kMaxJsonDepth)), std::string::npos)
        << copy.error->describe();
}

TEST(hostile_json, deep_result_in_a_batch_fails_every_reply)
{
    const std::string body =
        R"([{"jsonrpc":"2.0","id":1,"result":)" + nested_arrays(100'000) + "}]";
    const std::vector<Reply> replies = parse_batch_reply(body, 1, 1);
    ASSERT_EQ(replies.size(), 1u);
    ASSERT_FALSE(replies[0].ok());
    EXPECT_EQ(replies[0].error->error_class, ErrorClass::bad_response);
}

TEST(hostile_json, deep_http_error_body_is_quoted_not_parsed)
{
    const Error error = make_http_error(502, error_with_data(nested_arrays(100'000)));
    EXPECT_EQ(error.error_class, ErrorClass::http_status);
    EXPECT_EQ(error.http_status, 502);
    EXPECT_FALSE(error.data.has_value());
    EXPECT_LT(error.describe().size(), 400u);
}

TEST(hostile_json, the_deepest_accepted_reply_is_copied_and_dumped_on_a_thread)
{
    const std::string body = error_with_data(nested_arrays(kMaxJsonDepth - 3));
    std::thread worker([&body] {
        const Reply reply = parse_reply(body, 1);
        ASSERT_FALSE(reply.ok());
        EXPECT_EQ(reply.error->error_class, ErrorClass::rpc);
        ASSERT_TRUE(reply.error->data.has_value());
        const Reply copy = reply;
        EXPECT_EQ(copy.error->data->dump().size(), 2 * (kMaxJsonDepth - 3));
        EXPECT_FALSE(copy.error->describe().empty());
    });
    worker.join();
}

// Found by fuzzing: nlohmann throws out_of_range, not parse_error, for a number too large for a
// double, and the parsers caught only parse_error; the exception escaped every reply reader.
TEST(hostile_json, a_number_too_large_for_a_double_is_a_bad_response)
{
    const std::string huge = "1e4444444444444444444444444";
    const std::string single = R"({"jsonrpc":"2.0","id":1,"r":)" + huge + R"(,"result":"0x1"})";
    const Reply reply = parse_reply(single, 1);
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error->error_class, ErrorClass::bad_response);
    EXPECT_NE(reply.error->message.find("not JSON"), std::string::npos) << reply.error->message;
    const std::string batch = R"([{"jsonrpc":"2.0","id":1,"result":)" + huge + "}]";
    const std::vector<Reply> replies = parse_batch_reply(batch, 1, 1);
    ASSERT_EQ(replies.size(), 1u);
    ASSERT_FALSE(replies[0].ok());
    EXPECT_EQ(replies[0].error->error_class, ErrorClass::bad_response);
    EXPECT_EQ(request_id(R"({"jsonrpc":"2.0","x":)" + huge + R"(,"id":1})"), std::nullopt);
}

}  // namespace
}  // namespace zkload::rpc
