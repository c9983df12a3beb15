// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "anvil_on_port.hpp"
#include "engine_pool_fixture.hpp"
#include "engine/pending_cap.hpp"
#include "engine/row.hpp"
#include "pool/nonces.hpp"
#include "pool/wallet_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>

namespace zkload::test {

using namespace std::chrono_literals;
using engine::DriverConfig;
using engine::RowResult;
using engine::RowSpec;
using engine::WalletShard;

/// Short timeouts, so that a fault ends a row in seconds: an accepted transaction not in a block
/// after 3 s is lost, a request unanswered after 2 s timed out.
constexpr auto kInclusionTimeout = 3000ms;
constexpr auto kRpcTimeout = 2000ms;

/// Every operation offered ends in exactly one bucket.
inline void expect_ledger_balances(const engine::Ledger& l)
{
    EXPECT_EQ(l.offered, l.included + l.reverted + l.lost + l.failed_total() + l.dropped)
        << "offered " << l.offered << ", included " << l.included << ", reverted " << l.reverted << ", lost "
        << l.lost << ", failed " << l.failed_total();
}

inline uint64_t failed(const engine::Ledger& l, rpc::ErrorClass c) { return l.failed[static_cast<size_t>(c)]; }

/// run_row on its own thread; a row still running after `limit` is a hung engine: the test
/// binary stops there with a message rather than waiting for ctest's timeout.
inline RowResult run_row_within(const RowSpec& spec, std::chrono::seconds limit)
{
    std::packaged_task<RowResult()> task([&spec] { return engine::run_row(spec); });
    std::future<RowResult> result = task.get_future();
    std::thread runner(std::move(task));
    if (result.wait_for(limit) != std::future_status::ready)
    {
        std::fprintf(stderr, "run_row did not return within %lld s: an engine thread hangs\n",
                     static_cast<long long>(limit.count()));
        std::abort();
    }
    runner.join();
    return result.get();
}

/// A pool of funded wallets on an anvil this test owns (by pid), and shards read from it.
class EngineFaultRows : public EnginePoolFixture
{
protected:
    void start_node(uint16_t port = 0)
    {
        node_ = std::make_unique<AnvilOnPort>(port != 0 ? port : pick_free_loopback_port());
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = node_->url(), .timeout = kRpcTimeout});
    }

    void prepare_pool(uint64_t wallets) { EnginePoolFixture::prepare_pool("zkload-efaults", wallets); }

    /// A closed-loop row of transfers with the short timeouts, against `url`.
    static RowSpec closed_row(const engine::Operation& op, std::vector<WalletShard> shards, const std::string& url,
                              uint64_t concurrency)
    {
        // anvil takes any number of nonces per account: what `auto` gives it, so that sends keep
        // flowing while the faults come (a cap of 16 on 20 wallets would leave the row idle,
        // waiting for blocks, most of the time).
        return RowSpec{.driver = {.mode = DriverConfig::Mode::closed,
                                  .concurrency = concurrency,
                                  .max_pending_per_wallet = engine::kUnlimitedPendingAllowance,
                                  .inclusion_timeout = kInclusionTimeout},
                       .operation = &op,
                       .shards = std::move(shards),
                       .rpc = {.url = url, .timeout = kRpcTimeout}};
    }

    std::unique_ptr<AnvilOnPort> node_;
};

}  // namespace zkload::test
