// SPDX-License-Identifier: Apache-2.0
// The ethers peer baseline (tools/peer_baseline/ethers_send.mjs) end to end against the null
// node, so the script that the ETH transfer rows are compared with keeps working.
#include "null_node_process.hpp"

#include "process/child_process.hpp"

#include <sys/wait.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <thread>

using namespace zkload;

TEST(peer_baseline, ethers_script_sends_and_sees_every_transaction_included)
{
    test::NullNodeProcess node({"--block-time-ms", "50"});
    const auto log = std::filesystem::temp_directory_path() /
                     ("zkload-peer-baseline-test-" + std::to_string(::getpid()) + ".log");
    const pid_t pid = spawn_child("node", ZKLOAD_NODE_JS,
                                  {ZKLOAD_PEER_BASELINE_SCRIPT, "--rpc-url", node.url(), "--txs",
                                   "300", "--wallets", "10", "--in-flight", "16", "--timeout",
                                   "60"},
                                  log);
    std::optional<int> status;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (!(status = reap_if_exited(pid)) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!status)
        kill_and_reap(pid);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    std::filesystem::remove(log);
    ASSERT_TRUE(status) << "still running after 90 s: " << text.str();
    ASSERT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << text.str();

    const nlohmann::json result = nlohmann::json::parse(text.str());
    EXPECT_EQ(result["sent"], 300);
    EXPECT_EQ(result["included"], 300);
    EXPECT_EQ(result["failed"], 0);
    EXPECT_EQ(result["in_flight"], 16);
    EXPECT_TRUE(result["node"].get<std::string>().starts_with("zkload-null-node/"));
    for (const char* rate : {"sent_per_s", "included_per_s", "send_seconds"})
        EXPECT_GT(result[rate].get<double>(), 0.0) << rate;
}
