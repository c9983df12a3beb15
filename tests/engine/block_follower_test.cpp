// SPDX-License-Identifier: Apache-2.0
// The block follower against a stub node (a test double) that lacks eth_getBlockReceipts: it
// stamps inclusion from each block's hash list and falls back to batched receipts for outcomes.
#include "engine/block_follower.hpp"
#include "http_stub_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace zkload::engine {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::string hash_of(uint64_t block, uint64_t index)
{
    Hash h{};
    h[0] = static_cast<uint8_t>(block);
    h[1] = static_cast<uint8_t>(index);
    return to_hex(h);
}

/// Blocks 1..head each hold two transactions: index 0 succeeds, index 1 reverts.
json answer(const json& call, uint64_t head, std::atomic<int>& receipts_by_block)
{
    const std::string method = call.at("method");
    json reply = {{"jsonrpc", "2.0"}, {"id", call.at("id")}};
    if (method == "eth_blockNumber")
        reply["result"] = to_quantity(head);
    else if (method == "eth_getBlockReceipts")
    {
        ++receipts_by_block;
        reply["error"] = {{"code", -32601}, {"message", "the method eth_getBlockReceipts does not exist"}};
    }
    else if (method == "eth_getBlockByNumber")
    {
        const uint64_t n = *parse_quantity(call.at("params").at(0).get<std::string>());
        reply["result"] = {{"number", to_quantity(n)}, {"transactions", {hash_of(n, 0), hash_of(n, 1)}}};
    }
    else if (method == "eth_getTransactionReceipt")
    {
        const std::string hash = call.at("params").at(0);
        const bool reverted = parse_hash(hash)[1] == 1;
        reply["result"] = {{"transactionHash", hash}, {"status", reverted ? "0x0" : "0x1"}, {"gasUsed", "0x5208"}};
    }
    return reply;
}

TEST(BlockFollower, FallsBackToBlocksAndReceiptsWhenTheNodeLacksBlockReceipts)
{
    std::atomic<uint64_t> head{5};
    std::atomic<int> receipts_by_block{0};
    test::HttpStubServer node([&](const std::string& body) {
        const json request = json::parse(body);
        json reply;
        if (request.is_array())
            for (const json& call : request)
                reply.push_back(answer(call, head, receipts_by_block));
        else
            reply = answer(request, head, receipts_by_block);
        return test::StubReply{.body = reply.dump()};
    });
    BlockFollower follower({.url = node.url()}, 5ms);
    follower.start();  // blocks up to 5 are history: not followed
    head = 8;
    for (int i = 0; i < 400 && follower.outcomes().size() < 3; ++i)
        std::this_thread::sleep_for(5ms);
    follower.stop();

    std::vector<std::shared_ptr<const SeenBlock>> blocks;
    follower.log().read_from(0, 0, blocks);
    std::vector<std::shared_ptr<const BlockOutcome>> outcomes;
    follower.outcomes().read_from(0, 0, outcomes);
    ASSERT_EQ(blocks.size(), 3u);
    ASSERT_EQ(outcomes.size(), 3u);
    EXPECT_TRUE(follower.used_fallback());
    EXPECT_EQ(receipts_by_block.load(), 1);  // asked once, then never again
    for (size_t i = 0; i < blocks.size(); ++i)
    {
        EXPECT_EQ(blocks[i]->number, 6 + i);
        ASSERT_EQ(blocks[i]->hashes.size(), 2u);
        EXPECT_EQ(to_hex(blocks[i]->hashes[1]), hash_of(6 + i, 1));
        EXPECT_EQ(outcomes[i]->number, 6 + i);
        ASSERT_EQ(outcomes[i]->txns.size(), 2u);
        EXPECT_EQ(to_hex(outcomes[i]->txns[0].hash), hash_of(6 + i, 0));
        EXPECT_TRUE(outcomes[i]->txns[0].success);
        EXPECT_FALSE(outcomes[i]->txns[1].success);
        EXPECT_EQ(outcomes[i]->txns[1].gas_used, 21000u);
    }
    EXPECT_EQ(follower.errors(), 0u);
}

TEST(BlockFollower, CountsAndNamesTheNodesFailuresWithoutStopping)
{
    std::atomic<bool> failing{true};
    std::atomic<int> ignored{0};
    test::HttpStubServer node([&](const std::string& body) {
        if (failing)
            return test::StubReply{.status = 503, .body = "<html>busy</html>", .content_type = "text/html"};
        return test::StubReply{.body = answer(json::parse(body), 3, ignored).dump()};
    });
    failing = false;
    BlockFollower follower({.url = node.url(), .timeout = 1000ms}, 5ms);
    follower.start();
    failing = true;
    std::this_thread::sleep_for(100ms);
    follower.stop();
    EXPECT_GT(follower.errors(), 0u);
    ASSERT_TRUE(follower.last_error().has_value());
    EXPECT_NE(follower.last_error()->find("503"), std::string::npos) << *follower.last_error();
}

}  // namespace
}  // namespace zkload::engine

namespace zkload::engine {
namespace {

double interval_s(const std::vector<uint64_t>& timestamps)
{
    const auto interval = interval_from_timestamps(timestamps);
    return interval ? static_cast<double>(interval->count()) / 1e6 : -1.0;
}

TEST(BlockInterval, IsTheMedianGapSoBlocksMinedAtOnceDoNotShortenIt)
{
    EXPECT_DOUBLE_EQ(interval_s({100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110}), 1.0);
    // A one-second devnet on which the suite mined three blocks at once while it set up: the
    // mean gap (7 s over 10 blocks) said 0.7 s.
    EXPECT_DOUBLE_EQ(interval_s({100, 101, 101, 102, 103, 103, 104, 105, 105, 106, 107}), 1.0);
    EXPECT_DOUBLE_EQ(interval_s({0, 12, 24, 36, 48, 60}), 12.0);             // Ethereum
    EXPECT_DOUBLE_EQ(interval_s({10, 10, 11, 11, 12, 12, 13, 13, 14}), 0.5);  // two a second
    // Faster than the timestamps' one-second resolution: most gaps are 0, the mean tells.
    EXPECT_DOUBLE_EQ(interval_s({0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2}), 0.2);
    // Nothing to tell from: a young chain (the embedded devnet at its first row: genesis, a
    // block mined at once, one more a second later) or no time passed.
    EXPECT_DOUBLE_EQ(interval_s({100, 100, 101}), -1.0);
    EXPECT_DOUBLE_EQ(interval_s({5, 5, 5, 5, 5, 5, 5}), -1.0);
    EXPECT_DOUBLE_EQ(interval_s({5}), -1.0);
    EXPECT_DOUBLE_EQ(interval_s({}), -1.0);
}

}  // namespace
}  // namespace zkload::engine
