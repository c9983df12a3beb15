// SPDX-License-Identifier: Apache-2.0
// Thousands of kept-alive connections at once, as the load engine holds them.
#include "null_node_process.hpp"

#include "rpc/async_client.hpp"
#include "rpc/client.hpp"
#include "txn/txn.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <set>
#include <thread>

using namespace zkload;
using nlohmann::json;

namespace {

constexpr size_t kConnections = 2000;

/// Room for kConnections client sockets plus curl's and the test's own descriptors.
bool enough_descriptors()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return false;
    if (limit.rlim_cur < limit.rlim_max)
    {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur >= kConnections + 256;
}

/// Submits `count` requests without polling in between, so all are in flight at once, then
/// drains; returns how many answered without error.
size_t all_at_once(rpc::AsyncClient& client, const std::vector<std::pair<std::string, json>>& calls)
{
    size_t ok = 0;
    for (const auto& [method, params] : calls)
        EXPECT_TRUE(client.submit(method, params, [&ok](rpc::Reply&& reply, auto)
                                  { ok += reply.ok() ? 1 : 0; }));
    EXPECT_EQ(client.in_flight(), calls.size());
    EXPECT_TRUE(client.drain(std::chrono::seconds(60)));
    return ok;
}

}  // namespace

TEST(null_node_load, two_thousand_kept_alive_connections_at_once_then_sigterm)
{
    if (!enough_descriptors())
        GTEST_SKIP() << "the descriptor limit (ulimit -n) is below " << kConnections + 256;
    test::NullNodeProcess node({"--block-time-ms", "50"});
    rpc::AsyncClient client({.url = node.url(), .timeout = std::chrono::seconds(30)},
                            kConnections);

    const std::vector<std::pair<std::string, json>> reads(kConnections,
                                                          {"eth_blockNumber", json::array()});
    EXPECT_EQ(all_at_once(client, reads), kConnections);
    const uint64_t opened = client.connects();
    EXPECT_GE(opened, kConnections / 2) << "the requests were meant to be concurrent";
    EXPECT_LE(opened, kConnections);

    PrivateKey key{};
    key[31] = 7;
    Eip1559Txn txn{.chain_id = 31337, .max_priority_fee_per_gas = 1, .max_fee_per_gas = 2,
                   .gas_limit = 21'000, .to = Address{}};
    std::vector<std::pair<std::string, json>> sends;
    std::set<std::string> hashes;
    rpc::Client follower({.url = node.url()});
    const uint64_t before = follower.block_number();
    for (txn.nonce = 0; txn.nonce < kConnections; ++txn.nonce)
    {
        const SignedTxn signed_txn = sign(txn, key);
        sends.emplace_back("eth_sendRawTransaction", json::array({to_hex(signed_txn.raw)}));
        hashes.insert(to_hex(signed_txn.hash));
    }
    EXPECT_EQ(all_at_once(client, sends), kConnections);
    EXPECT_EQ(client.connects(), opened) << "kept-alive connections are reused, none reopened";

    size_t included = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (uint64_t next = before + 1;
         included < kConnections && std::chrono::steady_clock::now() < deadline;)
    {
        for (const uint64_t latest = follower.block_number(); next <= latest; ++next)
            for (const json& receipt : follower.call_or_throw(
                     "eth_getBlockReceipts", json::array({to_quantity(next)})))
                included += hashes.count(receipt["transactionHash"].get<std::string>());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(included, kConnections);

    // Every connection is still open and idle: the stop must not wait for them.
    const auto status = node.signal_and_wait(SIGTERM, std::chrono::seconds(5));
    ASSERT_TRUE(status) << "still running 5 s after SIGTERM with idle connections open";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << *status;
}
