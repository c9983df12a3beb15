// SPDX-License-Identifier: Apache-2.0
// The zkload binary under faults: its node killed during the second of two rows (non-zero exit,
// the cause named, the first row in the JSON), and Ctrl-C during a long open-loop row (exit 130,
// the row in the JSON, no anvil child left behind, the temporary pool state removed), and Ctrl-C
// during the second of three repetitions (the third is skipped, yet the aggregates are written).
#include "anvil_on_port.hpp"
#include "zkload_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>

namespace zkload::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/// A fresh folder under the temp folder, removed with the object.
struct Scratch
{
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("zkload-efaults-bin-" + std::to_string(std::random_device{}()));
    Scratch() { std::filesystem::create_directories(path); }
    ~Scratch() { std::filesystem::remove_all(path); }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
};

/// The `benchmarks` entries of a --benchmark_out file whose name contains `row`.
std::vector<nlohmann::json> rows_named(const nlohmann::json& results, const std::string& row)
{
    std::vector<nlohmann::json> out;
    for (const auto& entry : results.value("benchmarks", nlohmann::json::array()))
        if (entry.value("name", "").find(row) != std::string::npos)
            out.push_back(entry);
    return out;
}

TEST(ZkloadUnderFaults, NodeKilledDuringTheSecondRowExitsNonZeroAndKeepsTheFirstRow)
{
    Scratch scratch;
    AnvilOnPort node(pick_free_loopback_port());
    const auto key_file = scratch.path / "funder.key";
    std::ofstream(key_file) << kDevKey << "\n";
    std::filesystem::permissions(key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const auto json_out = scratch.path / "rows.json";
    ZkloadProcess zkload({"--rpc-url", node.url(), "--rich-key-file", key_file.string(), "--state-dir",
                          (scratch.path / "state").string(), "--wallets", "40", "--txs-per-wallet", "100000",
                          "--benchmark_filter=eth_transfer/closed/concurrency:8/|eth_transfer/closed/concurrency:64/",
                          "--duration", "8", "--inclusion-timeout", "3", "--rpc-timeout-ms", "2000",
                          "--benchmark_out=" + json_out.string()},
                         scratch.path / "zkload.log");
    // The console line of the first row appears when it has finished; the second then checks
    // its operation once (a transfer and its block, about a second) and runs for 8 s.
    ASSERT_TRUE(zkload.wait_for_log("eth_transfer/closed/concurrency:8/", 45s)) << zkload.log();
    std::this_thread::sleep_for(3s);
    node.crash();
    const auto killed = std::chrono::steady_clock::now();
    const std::optional<int> code = zkload.wait(30s);
    const auto took = std::chrono::steady_clock::now() - killed;
    node.stop();

    const std::string log = zkload.log();
    ASSERT_TRUE(code.has_value()) << "zkload still ran 30 s after its node was killed:\n" << log;
    EXPECT_EQ(*code, 1) << log;
    EXPECT_LT(took, 15s) << log;
    EXPECT_NE(log.find("stopped answering"), std::string::npos) << log;
    EXPECT_NE(log.find("row(s) failed"), std::string::npos) << log;

    const nlohmann::json results = nlohmann::json::parse(read_text(json_out), nullptr, false);
    ASSERT_TRUE(results.is_object()) << "no JSON output: " << json_out << "\n" << log;
    const auto first = rows_named(results, "eth_transfer/closed/concurrency:8/");
    ASSERT_EQ(first.size(), 1u) << results.dump(1).substr(0, 3000);
    EXPECT_FALSE(first[0].value("error_occurred", false)) << first[0].dump(1);
    EXPECT_GT(first[0].value("included", 0.0), 0.0) << first[0].dump(1);
    const auto second = rows_named(results, "eth_transfer/closed/concurrency:64/");
    ASSERT_EQ(second.size(), 1u) << results.dump(1).substr(0, 3000);
    EXPECT_TRUE(second[0].value("error_occurred", false)) << second[0].dump(1);
    EXPECT_NE(second[0].value("error_message", "").find("stopped answering"), std::string::npos)
        << second[0].dump(1);
}

TEST(ZkloadUnderFaults, CtrlCEndsAnOpenLoopRowWritesItAndLeavesNoDevnetBehind)
{
    Scratch scratch;
    const auto json_out = scratch.path / "rows.json";
    ZkloadProcess zkload({"--wallets", "40", "--benchmark_filter=eth_transfer/open/rate:250/", "--duration", "60",
                          "--benchmark_out=" + json_out.string()},
                         scratch.path / "zkload.log");
    // The embedded devnet: zkload's anvil child.
    std::vector<pid_t> anvils;
    for (int i = 0; i < 600 && anvils.empty(); ++i)
    {
        anvils = children_named(zkload.pid(), "anvil");
        std::this_thread::sleep_for(50ms);
    }
    ASSERT_EQ(anvils.size(), 1u) << zkload.log();
    const pid_t anvil = anvils.front();
    const auto state_dir =
        std::filesystem::temp_directory_path() / ("zkload-devnet-state-" + std::to_string(zkload.pid()));
    // The row is sending once the pool's state folder exists and a moment has passed.
    for (int i = 0; i < 600 && !std::filesystem::exists(state_dir); ++i)
        std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(std::filesystem::exists(state_dir)) << zkload.log();
    std::this_thread::sleep_for(3s);

    zkload.signal(SIGINT);
    const auto interrupted = std::chrono::steady_clock::now();
    const std::optional<int> code = zkload.wait(30s);
    const auto took = std::chrono::steady_clock::now() - interrupted;
    const std::string log = zkload.log();
    ASSERT_TRUE(code.has_value()) << "zkload still ran 30 s after Ctrl-C:\n" << log;
    EXPECT_EQ(*code, 130) << log;
    EXPECT_LT(took, 15s) << log;
    EXPECT_TRUE(gone_within(anvil, 5s)) << "the embedded anvil (pid " << anvil << ") outlived zkload";
    EXPECT_FALSE(std::filesystem::exists(state_dir)) << "the temporary pool state was left at " << state_dir;

    const nlohmann::json results = nlohmann::json::parse(read_text(json_out), nullptr, false);
    ASSERT_TRUE(results.is_object()) << "no JSON output after Ctrl-C:\n" << log;
    const auto row = rows_named(results, "eth_transfer/open/rate:250/");
    ASSERT_EQ(row.size(), 1u) << results.dump(1).substr(0, 3000);
    EXPECT_FALSE(row[0].value("error_occurred", false)) << row[0].dump(1);
    EXPECT_GT(row[0].value("included", 0.0), 0.0) << row[0].dump(1);
    EXPECT_LT(row[0].value("offered", 1e9), 250.0 * 20) << "the row kept sending after Ctrl-C";
}

TEST(ZkloadUnderFaults, CtrlCDuringARepetitionSkipsTheRestAndKeepsTheAggregates)
{
    Scratch scratch;
    const auto json_out = scratch.path / "rows.json";
    const std::string row_name = "eth_transfer/open/rate:250/";
    ZkloadProcess zkload({"--wallets", "40", "--benchmark_filter=" + row_name, "--duration", "10",
                          "--benchmark_repetitions=3", "--benchmark_out=" + json_out.string()},
                         scratch.path / "zkload.log");
    // Google Benchmark prints a row's repetitions together at its end, so the second one is found
    // by time: each checks its operation once (a transfer and its block, about a second), sends
    // for 10 s and drains (about a second). The pool's state folder appears as the first begins.
    const auto state_dir =
        std::filesystem::temp_directory_path() / ("zkload-devnet-state-" + std::to_string(zkload.pid()));
    for (int i = 0; i < 600 && !std::filesystem::exists(state_dir); ++i)
        std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(std::filesystem::exists(state_dir)) << zkload.log();
    std::this_thread::sleep_for(18s);
    zkload.signal(SIGINT);
    const std::optional<int> code = zkload.wait(30s);
    const std::string log = zkload.log();
    ASSERT_TRUE(code.has_value()) << "zkload still ran 30 s after Ctrl-C:\n" << log;
    // Google Benchmark 1.7 aborts (SIGABRT) when a repetition skipped before its loop disagrees
    // with the others on the iteration count; every result would be lost.
    EXPECT_EQ(*code, 130) << log;

    const nlohmann::json results = nlohmann::json::parse(read_text(json_out), nullptr, false);
    ASSERT_TRUE(results.is_object()) << "no JSON output after Ctrl-C:\n" << log;
    std::vector<nlohmann::json> runs;
    std::vector<std::string> aggregates;
    for (const auto& entry : rows_named(results, row_name))
        if (entry.value("run_type", "") == "iteration")
            runs.push_back(entry);
        else
            aggregates.push_back(entry.value("aggregate_name", ""));
    ASSERT_EQ(runs.size(), 3u) << results.dump(1).substr(0, 3000);
    EXPECT_FALSE(runs[0].value("error_occurred", false)) << runs[0].dump(1);
    EXPECT_FALSE(runs[1].value("error_occurred", false)) << runs[1].dump(1);
    EXPECT_TRUE(runs[2].value("error_occurred", false)) << runs[2].dump(1);
    EXPECT_NE(runs[2].value("error_message", "").find("interrupted (Ctrl-C)"), std::string::npos)
        << runs[2].dump(1);
    EXPECT_NE(std::find(aggregates.begin(), aggregates.end(), "median"), aggregates.end())
        << results.dump(1).substr(0, 3000);
}

}  // namespace
}  // namespace zkload::test
