// SPDX-License-Identifier: Apache-2.0
// The tree-free reply readers against the checked parsers: for every body below, hand-picked to
// sit on either side of the fast path's rules, both must give the same statuses and errors, and
// the fast path must be the one taken for the replies nodes really send.
#include "rpc/errors.hpp"
#include "rpc/reply_scan.hpp"

#include <gtest/gtest.h>

using namespace zkload;
using namespace zkload::rpc;
using nlohmann::json;

namespace {

constexpr uint64_t kFirstId = 7;
const std::string kHash = "0x" + std::string(62, 'a') + "0f";

std::string outcome(const Reply& reply)
{
    if (!reply.error)
        return "ok";
    return std::string(to_string(reply.error->error_class)) + ": " + reply.error->message;
}

/// The checked parser's verdicts with the results dropped.
std::vector<std::string> checked(std::string_view body, size_t count)
{
    std::vector<std::string> out;
    for (const Reply& reply : parse_batch_reply(body, kFirstId, count))
        out.push_back(outcome(reply));
    return out;
}

std::vector<std::string> scanned(std::string_view body, size_t count)
{
    std::vector<std::string> out;
    for (const Reply& reply : parse_batch_status(body, kFirstId, count))
    {
        EXPECT_TRUE(reply.result.is_null()) << body;
        out.push_back(outcome(reply));
    }
    return out;
}

std::string success(uint64_t id, const std::string& result = "\"" + kHash + "\"")
{
    return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"result":)" + result + "}";
}

std::string batch_of(const std::vector<std::string>& replies)
{
    std::string out = "[";
    for (size_t i = 0; i < replies.size(); ++i)
        out += (i ? "," : "") + replies[i];
    return out + "]";
}

/// Bodies a node writes for a batch of three sends, in the shapes geth, anvil, reth and zkSync
/// Era use: the fast path must read every one of them.
std::vector<std::string> plain_bodies()
{
    return {
        batch_of({success(7), success(8), success(9)}),
        batch_of({success(9), success(7), success(8)}),  // any order
        "[\n " + success(7) + ",\n " + success(8) + ",\n " + success(9) + "\n]\n",
        batch_of({R"({"id":7,"jsonrpc":"2.0","result":")" + kHash + "\"}",
                  R"({"result":")" + kHash + R"(","id":8,"jsonrpc":"2.0"})", success(9)}),
        batch_of({success(7, "null"), success(8, "\"0x1\""), success(9, "\"\"")}),
    };
}

/// Bodies at or past the fast path's edge: errors, odd envelopes, broken JSON.
std::vector<std::string> other_bodies()
{
    const std::string error_object = R"({"jsonrpc":"2.0","id":8,"error":{"code":-32000,"message":"nonce too low"}})";
    return {
        batch_of({success(7), error_object, success(9)}),
        batch_of({R"({"jsonr\u0070c":"2.0","id":7,"result":"0x1"})", success(8), success(9)}),  // escaped key
        batch_of({success(7), success(8), success(9, R"("0x\u0031")")}),  // escaped result
        batch_of({success(7), success(8)}),                              // one missing
        batch_of({success(7), success(8), success(8)}),                  // repeated
        batch_of({success(7), success(8), success(10)}),                 // unknown id
        batch_of({success(7), success(8), success(6)}),                  // below the first
        batch_of({success(7), success(8), success(9), success(10)}),     // one too many
        batch_of({success(7), success(8), success(9, R"({"a":1})")}),    // an object result
        // Found by fuzzing: a colon or a value where a comma belongs, after a value the fast path
        // reads from its raw token; with a brace more, the skipped rest balances.
        batch_of({success(7), R"({"jsonrpc":"2.0","id":8,"result":"0x1":1}})", success(9)}),
        batch_of({success(7), R"({"jsonrpc":"2.0":"x","id":8,"result":"0x1"})", success(9)}),
        batch_of({success(7), R"({"id":8,"result":"0x1","jsonrpc":"2.0":1}})", success(9)}),
        batch_of({success(7), success(8), success(9, "[1,2]")}),
        batch_of({success(7), success(8), success(9, "12")}),
        batch_of({success(7), success(8), success(9, "true")}),
        batch_of({success(7), success(8), success(9, R"("0x 1")")}),     // not a plain string
        batch_of({success(7), success(8), success(9, R"("a\u0000b")")}),
        batch_of({success(7), success(8), success(9, "\"a\x01b\"")}),  // raw control character
        batch_of({success(7), success(8), success(9, "\"a\\qb\"")}),   // invalid escape
        batch_of({success(7), success(8), success(9, "\"\xff\xfe\"")}),  // invalid UTF-8
        batch_of({success(7), success(8), success(9, "nul")}),
        batch_of({success(7), success(8), success(9, "[1,,2]")}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":9,"result":"0x1","result":"0x2"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":9,"id":9,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":9,"result":"0x1","extra":1})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"1.0","id":9,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":2.0,"id":9,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"id":9,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":"9","result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":9.0,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":-9,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":99999999999999999999999,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":09,"result":"0x1"})"}),
        batch_of({success(7), success(8), R"({"jsonrpc":"2.0","id":9,"result":"0x1","error":{"code":1,"message":"x"}})"}),
        batch_of({success(7), success(8), "[]"}),
        batch_of({success(7), success(8), "9"}),
        batch_of({success(7), success(8), success(9)}) + "x",          // trailing garbage
        batch_of({success(7), success(8), success(9)}) + "[]",
        batch_of({success(7), success(8), success(9)}).substr(0, 100),  // cut off
        batch_of({success(7), success(8), success(9)}).substr(1),       // no opening bracket
        "[" + success(7) + "," + success(8) + ",," + success(9) + "]",
        "[" + success(7) + "," + success(8) + "," + success(9) + ",]",
        "\xef\xbb\xbf" + batch_of({success(7), success(8), success(9)}),  // byte order mark
        R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch too large"}})",
        success(7),
        "[]",
        "",
        "null",
        "<html><body>502 Bad Gateway</body></html>",
        std::string(300, '[') + std::string(300, ']'),
    };
}

}  // namespace

TEST(reply_scan, reads_the_replies_nodes_send_without_the_checked_path)
{
    for (const std::string& body : plain_bodies())
    {
        const auto fast = detail::scan_plain_batch(body, kFirstId, 3);
        ASSERT_TRUE(fast.has_value()) << body;
        ASSERT_EQ(fast->size(), 3u);
        for (const Reply& reply : *fast)
            EXPECT_TRUE(reply.ok() && reply.result.is_null()) << body;
        EXPECT_EQ(scanned(body, 3), checked(body, 3)) << body;
    }
}

TEST(reply_scan, agrees_with_the_checked_parser_on_every_other_body)
{
    for (const std::string& body : other_bodies())
    {
        EXPECT_EQ(scanned(body, 3), checked(body, 3)) << body;
        // The fast path answers only when every reply is a success, which the checked parser
        // must agree with.
        if (detail::scan_plain_batch(body, kFirstId, 3))
        {
            EXPECT_EQ(checked(body, 3), std::vector<std::string>(3, "ok")) << body;
        }
    }
    // Not plain, so decided by the checked path: an error among successes keeps its class.
    const std::vector<std::string> mixed = scanned(other_bodies().front(), 3);
    EXPECT_EQ(mixed[0], "ok");
    EXPECT_EQ(mixed[1].substr(0, mixed[1].find(':')), "nonce_too_low");
    EXPECT_EQ(mixed[2], "ok");
}

TEST(reply_scan, single_status_agrees_with_parse_reply)
{
    std::vector<std::string> bodies = {success(7), success(7, "null"), success(8),
                                       // Found by fuzzing: a colon where a comma belongs, after the
                                       // last field the fast path reads.
                                       R"({"jsonrpc":"2.0","id":7,"result":"code":-32000,"message":"m"}})",
                                       R"({"jsonrpc":"2.0","id":7,"result":"code":-32000})",
                                       R"({"jsonrpc":"2.0","id":7,"result":"0x1":1})",
                                       R"({"jsonrpc":"2.0","id":7,"result":"0x1" "x"})",
                                       R"({"jsonrpc":"2.0":"x","id":7,"result":"0x1"})",
                                       R"({"id":7,"result":"0x1","jsonrpc":"2.0":1}})",
                                       R"({"jsonrpc":"2.0","id":7,"result":null:1}})",
                                       R"({"result":"0x1","id":7,"jsonrpc":"2.0"})",
                                       R"({"jsonrpc":"2.0","id":7,"error":{"code":-32000,"message":"already known"}})",
                                       R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"bad"}})",
                                       success(7) + "}", success(7).substr(0, 20), "[" + success(7) + "]"};
    for (const std::string& body : other_bodies())
        bodies.push_back(body);
    for (const std::string& body : bodies)
    {
        const Reply status = parse_status(body, kFirstId);
        EXPECT_TRUE(status.result.is_null()) << body;
        EXPECT_EQ(outcome(status), outcome(parse_reply(body, kFirstId))) << body;
    }
}

namespace {

std::string block_reply(uint64_t id, const json& transactions, const json& extra = json::object())
{
    json block = {{"number", "0x5"},
                  {"hash", kHash},
                  {"logsBloom", "0x" + std::string(512, '0')},
                  {"withdrawals", json::array()},
                  {"uncles", json::array()},
                  {"transactions", transactions}};
    block.update(extra);
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", block}}.dump();
}

/// The hashes as the checked parser reads them, or the class of what it throws.
std::string checked_hashes(const std::string& body, uint64_t id)
{
    const Reply reply = parse_reply(body, id);
    if (reply.error)
        return std::string(to_string(reply.error->error_class));
    if (reply.result.is_null())
        return "no block";
    std::string out;
    try
    {
        for (const json& hash : reply.result.at("transactions"))
            out += to_hex(parse_hash(hash.get<std::string>())) + ",";
    }
    catch (const std::exception&)
    {
        return "bad_response";
    }
    return out;
}

std::string scanned_hashes(const std::string& body, uint64_t id)
{
    try
    {
        const std::optional<std::vector<Hash>> hashes = parse_block_hashes(body, id);
        if (!hashes)
            return "no block";
        std::string out;
        for (const Hash& hash : *hashes)
            out += to_hex(hash) + ",";
        return out;
    }
    catch (const RpcException& e)
    {
        return std::string(to_string(e.error_class()));
    }
}

}  // namespace

TEST(reply_scan, block_hashes_agree_with_the_checked_parser)
{
    const std::string other = "0x" + std::string(64, 'b');
    const std::string upper = "0x" + std::string(64, 'C');
    const std::vector<std::string> plain = {
        block_reply(3, json::array()),
        block_reply(3, {kHash, other, upper}),
        block_reply(3, {kHash}, {{"transactionsRoot", kHash}, {"l1BatchNumber", nullptr}}),
    };
    for (const std::string& body : plain)
    {
        EXPECT_TRUE(detail::scan_block_hashes(body, 3).has_value()) << body;
        EXPECT_EQ(scanned_hashes(body, 3), checked_hashes(body, 3)) << body;
    }
    EXPECT_EQ(scanned_hashes(plain[1], 3), kHash + "," + other + "," + "0x" + std::string(64, 'c') + ",");
    const std::string short_hash = block_reply(3, {"0x12"});
    const std::string no_block = R"({"jsonrpc":"2.0","id":3,"result":null})";
    const std::vector<std::string> others = {
        block_reply(4, {kHash}),                                             // another id
        short_hash,
        block_reply(3, json::array({json{{"hash", kHash}}})),                // full bodies
        block_reply(3, "none"),
        R"({"jsonrpc":"2.0","id":3,"result":{"transactions":["0x\u0030)" + std::string(63, '1') + R"("]}})",
        no_block,
        R"({"jsonrpc":"2.0","id":3,"result":{"number":"0x5"}})",
        R"({"jsonrpc":"2.0","id":3,"error":{"code":-32000,"message":"header not found"}})",
        block_reply(3, {kHash}).substr(0, 60),
        "<html>502</html>",
    };
    for (const std::string& body : others)
    {
        EXPECT_FALSE(detail::scan_block_hashes(body, 3).has_value()) << body;
        EXPECT_EQ(scanned_hashes(body, 3), checked_hashes(body, 3)) << body;
    }
    EXPECT_EQ(scanned_hashes(no_block, 3), "no block");
    EXPECT_EQ(scanned_hashes(short_hash, 3), "bad_response");
}
