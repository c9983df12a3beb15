// SPDX-License-Identifier: Apache-2.0
// Hostile and broken replies between the JSON-RPC clients and a real anvil: each fault must come
// back as the right typed error within the client's timeout, and the next request through the
// healed proxy must succeed.
#include "process/devnet.hpp"
#include "fault_proxy.hpp"
#include "rpc/async_client.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <optional>

namespace zkload::test {
namespace {

using rpc::ErrorClass;
using Clock = std::chrono::steady_clock;

constexpr auto kTimeout = std::chrono::milliseconds(1000);
/// How much later than its timeout a client may return (a 64 MiB body is read, sanitizers slow
/// everything down).
constexpr auto kSlack = std::chrono::milliseconds(3000);
constexpr const char* kAnvilChainId = "0x7a69";

struct Case
{
    const char* name;
    Fault fault;
    /// nullopt: the request succeeds despite the fault.
    std::optional<ErrorClass> expected;
    int http_status = 0;
    /// The client's timeout: a huge body is read in full (4 x 64 MiB at once for the async
    /// client), so it gets time enough to be judged by its content rather than by the clock.
    std::chrono::milliseconds timeout = kTimeout;
};

const Case kCases[] = {
    {"http_500_html", Fault::http_500_html, ErrorClass::http_status, 500},
    {"http_503_html", Fault::http_503_html, ErrorClass::http_status, 503},
    {"truncated_json", Fault::truncated_json, ErrorClass::bad_response},
    {"cut_connection", Fault::cut_connection, ErrorClass::bad_response},
    {"wrong_id", Fault::wrong_id, ErrorClass::bad_response},
    {"huge_body", Fault::huge_body, ErrorClass::bad_response, 0, std::chrono::seconds(20)},
    {"late_reply", Fault::late_reply, ErrorClass::timeout},
    {"connection_reset", Fault::connection_reset, ErrorClass::transport},
    {"slow_trickle", Fault::slow_trickle, std::nullopt},
    {"endless_trickle", Fault::endless_trickle, ErrorClass::timeout},
};

/// Faults tried and survived (classified right, in time, and healed), reported at the end.
struct Tally
{
    size_t tried = 0;
    size_t survived = 0;
};
Tally g_tally;

class TallyReport : public testing::Environment
{
public:
    void TearDown() override
    {
        if (g_tally.tried != 0)
            std::cout << "faults tried and survived: " << g_tally.survived << "/" << g_tally.tried
                      << "\n";
    }
};
const auto* const g_report = testing::AddGlobalTestEnvironment(new TallyReport);

/// Checks one reply against the case: the class, the HTTP status, a bounded message.
void expect_outcome(const Case& c, const rpc::Reply& reply)
{
    if (!c.expected)
    {
        ASSERT_TRUE(reply.ok()) << reply.error->describe();
        EXPECT_EQ(reply.result, kAnvilChainId);
        return;
    }
    ASSERT_FALSE(reply.ok()) << "the fault went unnoticed: " << reply.result.dump().substr(0, 200);
    EXPECT_EQ(reply.error->error_class, *c.expected) << reply.error->describe();
    if (c.http_status != 0)
    {
        EXPECT_EQ(reply.error->http_status, c.http_status);
    }
    EXPECT_LT(reply.error->describe().size(), 1000u) << "a reply body leaked into the message";
}

class RpcFaults : public testing::TestWithParam<Case>
{
protected:
    static void SetUpTestSuite()
    {
        devnet_ = std::make_unique<Devnet>(Devnet::start({.anvil_path = anvil_path()}));
    }
    static void TearDownTestSuite() { devnet_.reset(); }

    void SetUp() override
    {
        proxy_ = std::make_unique<FaultProxy>(devnet_->url(), kTimeout);
        ++g_tally.tried;
    }

    void TearDown() override
    {
        proxy_.reset();
        if (!HasFailure())
            ++g_tally.survived;
    }

    rpc::ClientOptions options() const
    {
        return {.url = proxy_->url(), .timeout = GetParam().timeout};
    }

    static std::unique_ptr<Devnet> devnet_;
    std::unique_ptr<FaultProxy> proxy_;
};

std::unique_ptr<Devnet> RpcFaults::devnet_;

TEST_P(RpcFaults, blocking_client_classifies_and_recovers)
{
    const Case& c = GetParam();
    rpc::Client client(options());
    ASSERT_TRUE(client.call("eth_chainId").ok()) << "the proxy does not pass requests through";

    proxy_->set_fault(c.fault);
    const auto start = Clock::now();
    expect_outcome(c, client.call("eth_chainId"));
    EXPECT_LT(Clock::now() - start, c.timeout + kSlack);

    const auto batch_start = Clock::now();
    const auto replies = client.batch({{"eth_chainId", {}}, {"eth_chainId", {}}});
    ASSERT_EQ(replies.size(), 2u);
    for (const rpc::Reply& reply : replies)
        expect_outcome(c, reply);
    EXPECT_LT(Clock::now() - batch_start, c.timeout + kSlack);
    EXPECT_GE(proxy_->faults_injected(), 2u);

    proxy_->set_fault(Fault::none);
    const rpc::Reply healed = client.call("eth_chainId");
    ASSERT_TRUE(healed.ok()) << healed.error->describe();
    EXPECT_EQ(healed.result, kAnvilChainId);
    EXPECT_EQ(client.chain_id(), 31337u);
}

TEST_P(RpcFaults, async_client_classifies_and_recovers)
{
    const Case& c = GetParam();
    constexpr size_t kInFlight = 4;
    rpc::AsyncClient client(options(), kInFlight);
    std::vector<rpc::Reply> replies;
    const auto collect = [&replies](rpc::Reply&& reply, std::chrono::nanoseconds) {
        replies.push_back(std::move(reply));
    };

    proxy_->set_fault(c.fault);
    const auto start = Clock::now();
    for (size_t i = 0; i < kInFlight; ++i)
        ASSERT_TRUE(client.submit("eth_chainId", nlohmann::json::array(), collect));
    ASSERT_TRUE(client.drain(c.timeout + kSlack)) << "a request outlived its timeout";
    EXPECT_LT(Clock::now() - start, c.timeout + kSlack);
    ASSERT_EQ(replies.size(), kInFlight);
    for (const rpc::Reply& reply : replies)
        expect_outcome(c, reply);

    proxy_->set_fault(Fault::none);
    replies.clear();
    for (size_t i = 0; i < kInFlight; ++i)
        ASSERT_TRUE(client.submit("eth_chainId", nlohmann::json::array(), collect));
    ASSERT_TRUE(client.drain(c.timeout + kSlack));
    ASSERT_EQ(replies.size(), kInFlight);
    for (const rpc::Reply& reply : replies)
    {
        ASSERT_TRUE(reply.ok()) << reply.error->describe();
        EXPECT_EQ(reply.result, kAnvilChainId);
    }
}

INSTANTIATE_TEST_SUITE_P(faults,
                         RpcFaults,
                         testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace zkload::test
