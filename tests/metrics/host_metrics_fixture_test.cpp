// SPDX-License-Identifier: Apache-2.0
// RowHostMetrics inside real Google Benchmark rows: the counters a row gets and its label.
#include "host_metrics.hpp"
#include "metrics_server.hpp"

#include <benchmark/benchmark.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <iostream>
#include <thread>

namespace {

using namespace std::chrono_literals;
using zkload::HostMetricsOptions;
using zkload::RowHostMetrics;

/// Keeps every run a row reported.
class CapturingReporter : public benchmark::BenchmarkReporter
{
public:
    bool ReportContext(const Context&) override { return true; }
    void ReportRuns(const std::vector<Run>& runs) override
    {
        reported.insert(reported.end(), runs.begin(), runs.end());
    }
    std::vector<Run> reported;
};

/// Runs one row named `name` (one iteration) whose body is `work`, between start and finish.
benchmark::BenchmarkReporter::Run run_row(const std::string& name,
                                          HostMetricsOptions options,
                                          int generator_threads,
                                          const std::string& label,
                                          const std::function<void()>& work)
{
    benchmark::ClearRegisteredBenchmarks();
    benchmark::RegisterBenchmark(name.c_str(), [&](benchmark::State& state) {
        RowHostMetrics host(options);
        host.start();
        for (auto _ : state)
            work();
        host.finish(state, generator_threads, label);
    })->Iterations(1);
    CapturingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter, "^" + name + "/");
    if (reporter.reported.size() != 1)
        throw std::runtime_error("expected one run of " + name);
    return reporter.reported.front();
}

void spin_for(std::chrono::milliseconds how_long)
{
    const auto end = std::chrono::steady_clock::now() + how_long;
    volatile unsigned long spins = 0;
    while (std::chrono::steady_clock::now() < end)
        spins = spins + 1;
}

TEST(GeneratorBound, EightyPercentOfTheRowsCores)
{
    EXPECT_TRUE(zkload::generator_bound(81, 1));
    EXPECT_FALSE(zkload::generator_bound(80, 1));
    EXPECT_FALSE(zkload::generator_bound(150, 2));
    EXPECT_TRUE(zkload::generator_bound(170, 2));
    EXPECT_FALSE(zkload::generator_bound(500, 0));
    EXPECT_EQ(zkload::host_label("closed", true), "closed generator-bound");
    EXPECT_EQ(zkload::host_label("", true), "generator-bound");
    EXPECT_EQ(zkload::host_label("closed", false), "closed");
}

TEST(LatenessLabel, SaysWhyAnOpenLoopFellBehind)
{
    using zkload::Lateness;
    using zkload::lateness_label;
    // 1% late or less: nothing to say.
    EXPECT_EQ(lateness_label({.starts = 1000, .late = 10, .behind_us = 5, .behind_waiting_us = 5}, false, 20), "");
    EXPECT_EQ(lateness_label({}, true, 100), "");
    // Idle most of the time behind: waiting on the node, whatever the CPU; for wallets when it
    // waited for them at least half that time, else for request slots.
    EXPECT_EQ(lateness_label({.starts = 1000, .late = 200, .behind_us = 1000, .behind_waiting_us = 800,
                              .behind_no_wallet_us = 400},
                             true, 99),
              "late 20.0% of starts: no wallet free to send (idle 80% of the time behind: every wallet awaited "
              "the node's answer or a block)");
    EXPECT_EQ(lateness_label({.starts = 1000, .late = 200, .behind_us = 1000, .behind_waiting_us = 800,
                              .behind_no_wallet_us = 399},
                             true, 99),
              "late 20.0% of starts: no request slot free (idle 80% of the time behind: every one of "
              "--max-in-flight awaited the node's answer)");
    const Lateness busy{.starts = 1000, .late = 123, .behind_us = 1000, .behind_waiting_us = 100};
    EXPECT_EQ(lateness_label(busy, true, 99), "late 12.3% of starts: generator CPU (busy 90% of the time behind)");
    EXPECT_EQ(lateness_label(busy, false, 96),
              "late 12.3% of starts: machine CPU saturated (96% busy; the node shares it)");
    EXPECT_EQ(lateness_label(busy, false, 50),
              "late 12.3% of starts: the generator's threads came late (busy 90% of the time behind)");
    EXPECT_EQ(lateness_label(busy, false, std::nullopt),
              "late 12.3% of starts: the generator's threads came late (busy 90% of the time behind)");
    // Half or more of the late starts fell due while a thread slept on its timer for them: the
    // host woke it late. Less than half: the thread's own work.
    Lateness woken = busy;
    woken.late_on_wake = 62;
    woken.wake_late_max_us = 9'540;
    EXPECT_EQ(lateness_label(woken, false, 50),
              "late 12.3% of starts: the host woke the generator late (50% of them fell due while it slept on its "
              "timer, which fired up to 9.5 ms late: the OS or hypervisor ran it late, not zkload's work)");
    woken.late_on_wake = 61;
    EXPECT_EQ(lateness_label(woken, false, 50),
              "late 12.3% of starts: the generator's threads came late (busy 90% of the time behind)");
    // A saturated machine or a generator-bound row says so first: that is why it woke late.
    woken.late_on_wake = 123;
    EXPECT_EQ(lateness_label(woken, false, 96),
              "late 12.3% of starts: machine CPU saturated (96% busy; the node shares it)");
    EXPECT_EQ(lateness_label(woken, true, 50), "late 12.3% of starts: generator CPU (busy 90% of the time behind)");
}

TEST(RowHostMetrics, BusyGeneratorRowSaysGeneratorBound)
{
    const auto run = run_row("host/busy", {}, 1, "closed loop", [] { spin_for(400ms); });
    ASSERT_TRUE(run.counters.count("gen_cpu_pct"));
    const double gen_cpu_pct = run.counters.at("gen_cpu_pct").value;
    EXPECT_GT(run.counters.at("gen_rss_mb").value, 1.0);
    // A spinning row uses its one core, unless a shared machine is oversubscribed: the label
    // follows the measured figure either way.
    EXPECT_GT(gen_cpu_pct, 20.0);
    EXPECT_EQ(run.report_label, gen_cpu_pct > 80.0 ? "closed loop generator-bound" : "closed loop");
    if (gen_cpu_pct <= 80.0)
        std::cout << "note: oversubscribed machine, the busy row got " << gen_cpu_pct << "%\n";
    EXPECT_EQ(run.counters.count("node_cpu_pct"), 0u);  // no node pid given
    // The machine was at least as busy as this one spinning core of all of them.
    ASSERT_TRUE(run.counters.count("host_cpu_busy_pct"));
    EXPECT_GT(run.counters.at("host_cpu_busy_pct").value,
              0.5 * gen_cpu_pct / std::thread::hardware_concurrency());
    EXPECT_LE(run.counters.at("host_cpu_busy_pct").value, 100.0);
}

TEST(RowHostMetrics, IdleGeneratorRowIsNotGeneratorBound)
{
    const auto run = run_row("host/idle", {}, 1, "", [] { std::this_thread::sleep_for(300ms); });
    EXPECT_LT(run.counters.at("gen_cpu_pct").value, 30.0);
    EXPECT_EQ(run.report_label, "");
}

TEST(RowHostMetrics, NodeProcessAndScrapedRates)
{
    // The "node": a forked child spinning for at most 10 s, killed at the end of the test.
    const pid_t node = fork();
    ASSERT_GE(node, 0);
    if (node == 0)
    {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        spin_for(10s);
        _exit(0);
    }
    zkload::test::MetricsServer server;
    server.publish("metrics",
                   "server_processed_txs{stage=\"state_keeper\"} 100\n"
                   "server_processed_txs{stage=\"mempool_added\"} 100\n"
                   "server_state_keeper_mempool_l2_size 7\n"
                   "api_web3_call_sum{method=\"eth_sendRawTransaction\"} 1\n"
                   "api_web3_call_count{method=\"eth_sendRawTransaction\"} 10\n");
    const auto run =
        run_row("host/node", {.node_pid = node, .metrics_url = server.url("metrics")}, 4, "", [&] {
            std::this_thread::sleep_for(500ms);
            server.publish("metrics",
                           "server_processed_txs{stage=\"state_keeper\"} 600\n"
                           "server_processed_txs{stage=\"mempool_added\"} 700\n"
                           "server_state_keeper_mempool_l2_size 9\n"
                           "api_web3_call_sum{method=\"eth_sendRawTransaction\"} 3\n"
                           "api_web3_call_count{method=\"eth_sendRawTransaction\"} 510\n");
            std::this_thread::sleep_for(500ms);
        });
    kill(node, SIGKILL);
    waitpid(node, nullptr, 0);
    EXPECT_GT(run.counters.at("node_cpu_pct").value, 20.0);  // spinning (> 50 when not shared)
    EXPECT_GT(run.counters.at("node_rss_mb").value, 0.5);
    // 500 processed over ~1 s (the time between the scrapes, a little more than the row).
    EXPECT_GT(run.counters.at("node_processed_per_s").value, 300.0);
    EXPECT_LT(run.counters.at("node_processed_per_s").value, 520.0);
    EXPECT_GT(run.counters.at("node_mempool_added_per_s").value,
              run.counters.at("node_processed_per_s").value);
    EXPECT_EQ(run.counters.at("node_mempool_size").value, 9.0);
    EXPECT_DOUBLE_EQ(run.counters.at("node_web3_call_mean_ms").value, 4.0);  // 2 s / 500 calls
    EXPECT_EQ(run.report_label, "");  // a sleeping generator with 4 threads
}

TEST(RowHostMetrics, UnreachableNodeCostsCountersNotTheRow)
{
    std::vector<std::string> warnings;
    benchmark::ClearRegisteredBenchmarks();
    benchmark::RegisterBenchmark("host/unreachable", [&](benchmark::State& state) {
        RowHostMetrics host({.node_pid = 999'999'999,
                             .metrics_url = "http://127.0.0.1:9/metrics",
                             .scrape_timeout = 1000ms});
        host.start();
        for (auto _ : state)
            std::this_thread::sleep_for(10ms);
        host.finish(state, 1);
        warnings = host.warnings();
    })->Iterations(1);
    CapturingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter, "^host/unreachable/");
    ASSERT_EQ(reporter.reported.size(), 1u);
    const auto& run = reporter.reported.front();
    EXPECT_FALSE(run.error_occurred);
    EXPECT_EQ(run.counters.count("node_cpu_pct"), 0u);
    EXPECT_EQ(run.counters.count("node_processed_per_s"), 0u);
    EXPECT_EQ(run.counters.count("gen_cpu_pct"), 1u);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_NE(warnings[0].find("127.0.0.1:9"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[1].find("/proc/999999999"), std::string::npos) << warnings[1];
}

}  // namespace
