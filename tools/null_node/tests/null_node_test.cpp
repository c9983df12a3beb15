// SPDX-License-Identifier: Apache-2.0
// The null node binary through the project's own blocking client: identity, the transaction
// hash it returns, inclusion in later blocks, batches, errors, and its exits.
#include "null_node_process.hpp"

#include "codec/bytes.hpp"
#include "codec/keccak.hpp"
#include "rpc/client.hpp"
#include "txn/txn.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <thread>

using namespace zkload;
using nlohmann::json;

namespace {

/// anvil's first dev account: a key anyone can check the signature against.
const PrivateKey kKey =
    parse_fixed_hex<32>("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

Eip1559Txn transfer(uint64_t nonce)
{
    Eip1559Txn txn;
    txn.chain_id = 31337;
    txn.nonce = nonce;
    txn.max_priority_fee_per_gas = 1'000'000'000u;
    txn.max_fee_per_gas = 3'000'000'000u;
    txn.gas_limit = 21'000;
    txn.to = parse_address("0x000000000000000000000000000000000000dEaD");
    txn.value = 1u;
    return txn;
}

/// Mainnet transaction 0xee8d0f04…4da6, raw bytes as in tests/unit/txn_eip1559_test.cpp.
constexpr std::string_view kMainnetRaw =
    "0x02f872018302075580850350a3661c82753094535b918f3724001fd6fb52fcc6cbc220592990a3880104a0c6"
    "3421f80380c001a02fe690e16de3534bee626150596573d57cb56d0c2e48a02f64c0a03c1636ce2aa04814f3dc"
    "7dac2ee153a2456aa3968717af7400972167dfb00b1cce1c23b6dd9f";

/// Looks through the receipts of blocks after `after` (for at most 5 s) for `hash`.
std::optional<json> find_in_block_receipts(rpc::Client& client, uint64_t after, const Hash& hash)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    uint64_t next = after + 1;
    while (std::chrono::steady_clock::now() < deadline)
    {
        for (const uint64_t latest = client.block_number(); next <= latest; ++next)
            for (const json& receipt :
                 client.call_or_throw("eth_getBlockReceipts", json::array({to_quantity(next)})))
                if (receipt["transactionHash"] == to_hex(hash))
                    return receipt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
}

}  // namespace

TEST(null_node, reports_the_identity_it_was_given)
{
    test::NullNodeProcess node({"--chain-id", "777"});
    EXPECT_EQ(node.url(), "http://127.0.0.1:" + std::to_string(node.port()));
    rpc::Client client({.url = node.url()});
    EXPECT_EQ(client.chain_id(), 777u);
    EXPECT_EQ(client.call_or_throw("net_version"), "777");
    EXPECT_TRUE(client.client_version().starts_with("zkload-null-node/"))
        << client.client_version();
    EXPECT_EQ(node.output(), "listening on " + node.url() + "\n") << "one line, nothing else";
}

TEST(null_node, returns_the_transaction_hash_of_the_raw_bytes)
{
    test::NullNodeProcess node;
    rpc::Client client({.url = node.url()});
    EXPECT_EQ(to_hex(client.send_raw_transaction(parse_hex(kMainnetRaw))),
              "0xee8d0f04073a6792b1bd6b1cb0b88cb57984905979d2668f84b9c3dcb8894da6");

    const SignedTxn signed_txn = sign(transfer(0), kKey);
    EXPECT_EQ(client.send_raw_transaction(signed_txn.raw), signed_txn.hash);
    EXPECT_EQ(signed_txn.hash, keccak256(signed_txn.raw));
}

TEST(null_node, includes_a_sent_transaction_in_a_later_block)
{
    test::NullNodeProcess node({"--block-time-ms", "50"});
    rpc::Client client({.url = node.url()});
    const uint64_t before = client.block_number();
    const SignedTxn signed_txn = sign(transfer(5), kKey);
    ASSERT_EQ(client.send_raw_transaction(signed_txn.raw), signed_txn.hash);

    const auto receipt = find_in_block_receipts(client, before, signed_txn.hash);
    ASSERT_TRUE(receipt) << "not in any block's receipts within 5 s";
    EXPECT_EQ((*receipt)["status"], "0x1");
    EXPECT_EQ((*receipt)["type"], "0x2");
    const uint64_t number = *parse_quantity((*receipt)["blockNumber"].get<std::string>());
    EXPECT_GT(number, before);
    const json block = client.call_or_throw("eth_getBlockByNumber",
                                            json::array({to_quantity(number), false}));
    EXPECT_EQ(block["hash"], (*receipt)["blockHash"]);
    EXPECT_EQ(block["transactions"][*parse_quantity((*receipt)["transactionIndex"]
                                                        .get<std::string>())],
              to_hex(signed_txn.hash));
    EXPECT_EQ(client.get_transaction_receipt(signed_txn.hash), *receipt);

    const rpc::Reply again = client.call("eth_sendRawTransaction",
                                         json::array({to_hex(signed_txn.raw)}));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error->error_class, rpc::ErrorClass::already_known);
}

TEST(null_node, blocks_keep_coming_at_the_block_time)
{
    test::NullNodeProcess node({"--block-time-ms", "20"});
    rpc::Client client({.url = node.url()});
    const uint64_t first = client.block_number();
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const uint64_t blocks = client.block_number() - first;
    EXPECT_GE(blocks, 5u) << "about 20 expected in 400 ms";
    EXPECT_LE(blocks, 25u);
    EXPECT_TRUE(client.call_or_throw("eth_getBlockReceipts", json::array({"latest"})).empty());
}

TEST(null_node, answers_a_batch_in_order_with_errors_in_place)
{
    test::NullNodeProcess node;
    rpc::Client client({.url = node.url()});
    const auto replies = client.batch({{"eth_chainId", json::array()},
                                       {"eth_no_such_method", json::array()},
                                       {"eth_getBalance", json::array({"0x00", "latest"})}});
    ASSERT_EQ(replies.size(), 3u);
    ASSERT_TRUE(replies[0].ok());
    EXPECT_EQ(replies[0].result, "0x7a69");
    ASSERT_FALSE(replies[1].ok());
    EXPECT_EQ(replies[1].error->code, -32601);
    ASSERT_TRUE(replies[2].ok());
    EXPECT_EQ(replies[2].result, "0xc9f2c9cd04674edea40000000");
}

TEST(null_node, a_large_batch_grows_the_buffers_and_is_answered)
{
    test::NullNodeProcess node;
    rpc::Client client({.url = node.url()});
    std::vector<rpc::Call> calls;
    for (uint64_t nonce = 0; nonce < 600; ++nonce)
        calls.emplace_back("eth_sendRawTransaction",
                           json::array({to_hex(sign(transfer(nonce), kKey).raw)}));
    const auto replies = client.batch(calls);  // ~150 kB each way
    ASSERT_EQ(replies.size(), calls.size());
    for (size_t i = 0; i < replies.size(); ++i)
        ASSERT_TRUE(replies[i].ok()) << i << ": " << replies[i].error->describe();
    EXPECT_EQ(client.connects(), 1u);
}

TEST(null_node, unknown_methods_get_32601_and_zksync_methods_are_unknown)
{
    test::NullNodeProcess node;
    rpc::Client client({.url = node.url()});
    for (const char* method : {"eth_unknown", "zks_L1ChainId"})
    {
        const rpc::Reply reply = client.call(method);
        ASSERT_FALSE(reply.ok()) << method;
        EXPECT_EQ(reply.error->code, -32601) << method;
    }
}

TEST(null_node, stops_cleanly_on_sigterm_and_sigint)
{
    for (const int signal : {SIGTERM, SIGINT})
    {
        test::NullNodeProcess node;
        rpc::Client client({.url = node.url()});
        EXPECT_EQ(client.chain_id(), 31337u);
        const auto status = node.signal_and_wait(signal, std::chrono::seconds(5));
        ASSERT_TRUE(status) << "still running 5 s after signal " << signal;
        EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0)
            << "signal " << signal << ": status " << *status;
    }
}

TEST(null_node, refuses_to_listen_beyond_loopback)
{
    for (const char* host : {"0.0.0.0", "192.168.1.10", "example.com"})
    {
        const auto [status, output] =
            test::run_null_node({"--host", host, "--port", "0"}, std::chrono::seconds(5));
        ASSERT_TRUE(status) << host << " did not exit";
        EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2) << host << ": " << output;
        EXPECT_NE(output.find(host), std::string::npos) << output;
        EXPECT_EQ(output.find("listening on"), std::string::npos) << output;
    }
}

TEST(null_node, bad_flags_are_usage_errors)
{
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--block-time-ms", "0"}, {"--threads", "0"}, {"--no-such"}})
    {
        const auto [status, output] = test::run_null_node(args, std::chrono::seconds(5));
        ASSERT_TRUE(status) << args[0] << " did not exit";
        EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2) << args[0] << ": " << output;
        EXPECT_NE(output.find(args[0]), std::string::npos) << output;
    }
}
