// SPDX-License-Identifier: Apache-2.0
#include "rpc/async_client.hpp"
#include "rpc_test_support.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace zkload;
using namespace zkload::test;
using nlohmann::json;
using rpc::AsyncClient;
using rpc::ErrorClass;

namespace {

constexpr auto kPollWait = std::chrono::milliseconds(50);
constexpr auto kDrainLimit = std::chrono::seconds(60);

/// What one request asked and what it must get back.
struct Expected
{
    std::string method;
    json params;
    json result;
};

/// Requests whose answers are known on a fresh anvil: chain id, balances and nonces.
std::vector<Expected> known_answers(size_t count)
{
    std::vector<Expected> out;
    for (size_t i = 0; i < count; ++i)
    {
        const char* account = kDevAccounts[i % std::size(kDevAccounts)];
        switch (i % 3)
        {
            case 0:
                out.push_back({"eth_chainId", json::array(), "0x7a69"});
                break;
            case 1:
                out.push_back({"eth_getBalance", {account, "latest"}, "0x21e19e0c9bab2400000"});
                break;
            default:
                out.push_back({"eth_getTransactionCount", {account, "latest"}, "0x0"});
                break;
        }
    }
    return out;
}

/// Submits every request, at most max_in_flight at a time, and checks every answer.
void run_all(size_t max_in_flight, size_t count)
{
    Anvil anvil = start_anvil();
    AsyncClient client({anvil.devnet.url()}, max_in_flight);
    const std::vector<Expected> requests = known_answers(count);
    std::vector<int> calls(count, 0);
    size_t wrong = 0;
    size_t next = 0;
    size_t peak = 0;
    const auto deadline = std::chrono::steady_clock::now() + kDrainLimit;
    while ((next < count || client.in_flight() > 0) && std::chrono::steady_clock::now() < deadline)
    {
        while (next < count &&
               client.submit(requests[next].method, requests[next].params,
                             [&, i = next](rpc::Reply&& reply, std::chrono::nanoseconds rtt)
                             {
                                 ++calls[i];
                                 if (!reply.ok() || reply.result != requests[i].result ||
                                     rtt.count() <= 0)
                                     ++wrong;
                             }))
            ++next;
        peak = std::max(peak, client.in_flight());
        client.poll(kPollWait);
    }
    EXPECT_EQ(next, count);
    EXPECT_EQ(client.in_flight(), 0u);
    EXPECT_EQ(wrong, 0u);
    EXPECT_EQ(std::count(calls.begin(), calls.end(), 1), static_cast<long>(count));
    EXPECT_EQ(peak, max_in_flight);
    EXPECT_GT(client.connects(), 0u);
    EXPECT_LE(client.connects(), max_in_flight) << "connections were not reused";
}

}  // namespace

TEST(async_client, completes_2000_requests_with_32_in_flight)
{
    run_all(32, 2000);
}

TEST(async_client, completes_2000_requests_with_256_in_flight)
{
    run_all(256, 2000);
}

TEST(async_client, frees_the_handles_of_a_burst_once_it_is_over)
{
    Anvil anvil = start_anvil();
    AsyncClient client({anvil.devnet.url()}, 512);
    size_t answered = 0;
    const auto count = [&](rpc::Reply&& reply, std::chrono::nanoseconds) { answered += reply.ok() ? 1 : 0; };
    // A burst: 300 requests in flight at once, each on a handle of its own.
    for (int i = 0; i < 300; ++i)
        ASSERT_TRUE(client.submit("eth_chainId", json::array(), count));
    ASSERT_TRUE(client.drain(kDrainLimit));
    EXPECT_EQ(answered, 300u);
    EXPECT_EQ(client.handles(), 300u);
    // Then one request at a time for longer than the trim interval (5 s) twice over.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(11);
    while (std::chrono::steady_clock::now() < until)
    {
        ASSERT_TRUE(client.submit("eth_chainId", json::array(), count));
        ASSERT_TRUE(client.drain(kDrainLimit));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_LE(client.handles(), 16u) << "the burst's idle handles were kept";
    EXPECT_GE(client.handles(), 1u);
    // And a new burst gets its handles again.
    answered = 0;
    for (int i = 0; i < 100; ++i)
        ASSERT_TRUE(client.submit("eth_chainId", json::array(), count));
    ASSERT_TRUE(client.drain(kDrainLimit));
    EXPECT_EQ(answered, 100u);
    EXPECT_GE(client.handles(), 100u);
}

TEST(async_client, callbacks_may_submit_the_next_request)
{
    Anvil anvil = start_anvil();
    AsyncClient client({anvil.devnet.url()}, 8);
    size_t done = 0;
    size_t failed = 0;
    std::function<void(rpc::Reply&&, std::chrono::nanoseconds)> again;
    again = [&](rpc::Reply&& reply, std::chrono::nanoseconds)
    {
        failed += reply.ok() ? 0 : 1;
        if (++done + client.in_flight() < 500)
        {
            ASSERT_TRUE(client.submit("eth_blockNumber", json::array(), again));
        }
    };
    for (int i = 0; i < 8; ++i)
        ASSERT_TRUE(client.submit("eth_blockNumber", json::array(), again));
    EXPECT_TRUE(client.drain(kDrainLimit));
    EXPECT_EQ(done, 500u);
    EXPECT_EQ(failed, 0u);
    EXPECT_LE(client.connects(), 8u);
}

TEST(async_client, batches_and_prebuilt_bodies)
{
    Anvil anvil = start_anvil();
    AsyncClient client({anvil.devnet.url()}, 4);
    std::vector<rpc::Reply> batch;
    ASSERT_TRUE(client.submit_batch({{"eth_chainId", json::array()},
                                     {"eth_foo", json::array()},
                                     {"web3_clientVersion", json::array()}},
                                    [&](std::vector<rpc::Reply>&& replies, std::chrono::nanoseconds)
                                    { batch = std::move(replies); }));
    std::optional<rpc::Reply> raw;
    ASSERT_TRUE(client.submit_raw(rpc::make_request("eth_chainId", json::array(), 4242),
                                  [&](rpc::Reply&& reply, std::chrono::nanoseconds)
                                  { raw = std::move(reply); }));
    EXPECT_THROW(client.submit_raw(R"({"jsonrpc":"2.0","method":"eth_chainId"})", nullptr),
                 std::invalid_argument);
    // A pre-built batch: the replies come back in id order whatever order the body lists them.
    std::vector<rpc::Reply> raw_batch;
    const std::string body = "[" + rpc::make_request("eth_foo", json::array(), 11) + "," +
                             rpc::make_request("eth_chainId", json::array(), 10) + "]";
    ASSERT_TRUE(client.submit_raw_batch(body, 10, 2,
                                        [&](std::vector<rpc::Reply>&& replies, std::chrono::nanoseconds)
                                        { raw_batch = std::move(replies); }));
    EXPECT_THROW(client.submit_raw_batch("[]", 1, 0, nullptr), std::invalid_argument);
    ASSERT_TRUE(client.drain(kDrainLimit));

    ASSERT_EQ(raw_batch.size(), 2u);
    ASSERT_TRUE(raw_batch[0].ok()) << raw_batch[0].error->describe();
    EXPECT_EQ(raw_batch[0].result, "0x7a69");
    ASSERT_FALSE(raw_batch[1].ok());
    EXPECT_EQ(raw_batch[1].error->code, -32601);

    ASSERT_EQ(batch.size(), 3u);
    EXPECT_EQ(batch[0].result, "0x7a69");
    ASSERT_FALSE(batch[1].ok());
    EXPECT_EQ(batch[1].error->code, -32601);
    EXPECT_TRUE(batch[2].result.get<std::string>().starts_with("anvil/"));
    ASSERT_TRUE(raw && raw->ok()) << (raw && raw->error ? raw->error->describe() : "no callback");
    EXPECT_EQ(raw->result, "0x7a69");
}

TEST(async_client, a_host_name_is_resolved_while_other_requests_wait)
{
    // The resolver's own descriptor goes through the same socket callback as the connections.
    Anvil anvil = start_anvil();
    const std::string url = "http://localhost:" + std::to_string(anvil.devnet.port());
    AsyncClient client({url}, 8);
    size_t answered = 0;
    size_t failed = 0;
    const auto count = [&](rpc::Reply&& reply, std::chrono::nanoseconds)
    { (reply.ok() && reply.result == "0x7a69" ? answered : failed) += 1; };
    for (int round = 0; round < 20; ++round)
    {
        for (int i = 0; i < 8; ++i)
            ASSERT_TRUE(client.submit("eth_chainId", json::array(), count));
        ASSERT_TRUE(client.drain(kDrainLimit)) << url;
    }
    EXPECT_EQ(answered, 160u);
    EXPECT_EQ(failed, 0u);
    EXPECT_LE(client.connects(), 8u);
}

TEST(async_client, a_poll_past_its_deadline_still_takes_the_answers_already_there)
{
    HttpStubServer stub(answer_with("\"0x1\""));
    AsyncClient client({stub.url()}, 4);
    size_t answered = 0;
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(client.submit("eth_chainId", json::array(),
                                  [&](rpc::Reply&& reply, std::chrono::nanoseconds) { answered += reply.ok() ? 1 : 0; }));
    // The first look starts the requests; the answers arrive while this thread sleeps.
    client.poll(std::chrono::milliseconds(0));
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (client.in_flight() > 0 && std::chrono::steady_clock::now() < until)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        client.poll_until(std::chrono::steady_clock::now() - std::chrono::seconds(1));
    }
    EXPECT_EQ(client.in_flight(), 0u);
    EXPECT_EQ(answered, 4u);
}

TEST(async_client, a_poll_with_nothing_answered_waits_for_its_deadline)
{
    HttpStubServer slow(StubReply{200, "{}", "application/json", std::chrono::milliseconds(2000)});
    AsyncClient client({slow.url()}, 1);
    ASSERT_TRUE(client.submit("eth_chainId", json::array(), [](rpc::Reply&&, std::chrono::nanoseconds) {}));
    for (int i = 0; i < 5; ++i)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(2500);
        EXPECT_EQ(client.poll_until(deadline), 0u);
        EXPECT_GE(std::chrono::steady_clock::now(), deadline) << "woke before its deadline";
    }
}

TEST(async_client, refuses_past_max_in_flight_and_drops_callbacks_on_destruction)
{
    HttpStubServer stub(StubReply{200, "{}", "application/json", std::chrono::milliseconds(2000)});
    int called = 0;
    {
        AsyncClient client({stub.url()}, 2);
        const auto count = [&](rpc::Reply&&, std::chrono::nanoseconds) { ++called; };
        EXPECT_TRUE(client.submit("eth_chainId", json::array(), count));
        EXPECT_TRUE(client.submit("eth_chainId", json::array(), count));
        EXPECT_FALSE(client.submit("eth_chainId", json::array(), count));
        EXPECT_EQ(client.in_flight(), 2u);
        EXPECT_EQ(client.poll(std::chrono::milliseconds(20)), 0u);
        EXPECT_FALSE(client.drain(std::chrono::milliseconds(50)));
    }
    EXPECT_EQ(called, 0);
}

TEST(async_client, reports_transport_timeout_and_http_errors)
{
    HttpStubServer slow(StubReply{200, "{}", "application/json", std::chrono::milliseconds(3000)});
    HttpStubServer limited(StubReply{429, "too many", "text/plain"});
    HttpStubServer mismatched(StubReply{200, R"({"jsonrpc":"2.0","id":99,"result":"0x1"})"});
    HttpStubServer echo(answer_with("\"0x1\""));
    const std::string closed = "http://127.0.0.1:" + std::to_string(closed_port());
    const std::pair<std::string, ErrorClass> cases[] = {
        {closed, ErrorClass::transport},
        {slow.url(), ErrorClass::timeout},
        {limited.url(), ErrorClass::rate_limited},
        {mismatched.url(), ErrorClass::bad_response},
    };
    for (const auto& [url, expected] : cases)
    {
        AsyncClient client({url, std::chrono::milliseconds(300)}, 4);
        std::optional<rpc::Reply> got;
        ASSERT_TRUE(client.submit("eth_chainId", json::array(),
                                  [&](rpc::Reply&& reply, std::chrono::nanoseconds)
                                  { got = std::move(reply); }));
        ASSERT_TRUE(client.drain(std::chrono::seconds(10)));
        ASSERT_TRUE(got && got->error) << url;
        EXPECT_EQ(to_string(got->error->error_class), to_string(expected))
            << got->error->describe();
    }
    AsyncClient client({echo.url()}, 1);
    std::optional<rpc::Reply> got;
    ASSERT_TRUE(client.submit_raw(R"({"jsonrpc":"2.0","id":7,"method":"eth_chainId","params":[]})",
                                  [&](rpc::Reply&& reply, std::chrono::nanoseconds)
                                  { got = std::move(reply); }));
    ASSERT_TRUE(client.drain(std::chrono::seconds(10)));
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->ok()) << "the stub echoes the id it was sent";
}
