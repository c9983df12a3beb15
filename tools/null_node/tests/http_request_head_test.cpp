// SPDX-License-Identifier: Apache-2.0
#include "http_request_head.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace zkload::null_node;

namespace {

HeadParse parse(const std::string& text)
{
    return parse_request_head(text);
}

}  // namespace

TEST(http_request_head, frames_a_post_with_content_length)
{
    const std::string head = "POST / HTTP/1.1\r\nHost: x\r\ncontent-LENGTH:  12 \r\n\r\n";
    const HeadParse result = parse(head + "{\"a\":1}rest...");
    ASSERT_EQ(result.status, HeadStatus::complete);
    EXPECT_EQ(result.head.head_bytes, head.size());
    EXPECT_EQ(result.head.content_length, 12u);
    EXPECT_TRUE(result.head.keep_alive);
    EXPECT_FALSE(result.head.expects_continue);
}

TEST(http_request_head, waits_for_the_end_of_the_head)
{
    EXPECT_EQ(parse("POST / HTTP/1.1\r\nContent-Length: 2\r\n").status, HeadStatus::incomplete);
    EXPECT_EQ(parse("").status, HeadStatus::incomplete);
}

TEST(http_request_head, connection_header_and_version_decide_keep_alive)
{
    EXPECT_FALSE(parse("POST / HTTP/1.1\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n")
                     .head.keep_alive);
    EXPECT_FALSE(parse("POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n").head.keep_alive);
    EXPECT_TRUE(parse("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                    .head.keep_alive);
}

TEST(http_request_head, notes_expect_100_continue)
{
    EXPECT_TRUE(parse("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n")
                    .head.expects_continue);
}

TEST(http_request_head, refuses_what_it_cannot_frame_with_the_right_status)
{
    const auto status_of = [](const std::string& text)
    {
        const HeadParse result = parse_request_head(text);
        return result.status == HeadStatus::rejected ? result.reject_status : 0;
    };
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 411);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: x\r\n\r\n"), 411);
    EXPECT_EQ(status_of("GET / HTTP/1.1\r\n\r\n"), 405);
    EXPECT_EQ(status_of("POST / HTTP/2.0\r\nContent-Length: 0\r\n\r\n"), 505);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n"), 400);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), 400);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nno colon here\r\nContent-Length: 1\r\n\r\n"), 400);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nContent-Length: " +
                        std::to_string(kMaxBodyBytes + 1) + "\r\n\r\n"),
              413);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nX-Big: " + std::string(kMaxHeadBytes, 'a')), 431);
    EXPECT_EQ(status_of("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n"), 0)
        << "a repeated equal length is allowed";
}
