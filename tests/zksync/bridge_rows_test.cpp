// SPDX-License-Identifier: Apache-2.0
// The zkload binary's bridge rows end to end: the real protocol-v29 L1 contracts in anvil on
// one side, zkload-l2-double (a test double, not a zkSync node) as the --rpc-url L2 on the
// other. zkload starts on the L2, discovers the bridge, funds its L1 wallets, makes real
// deposits on L1 whose NewPriorityRequest logs the double reads to "execute" them, and sends
// real signed withdrawals to the double; the real L1 nullifier refuses the double's proof.
#include "l1_bridge_anvil.hpp"
#include "l2_double_process.hpp"
#include "run_zkload.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <iostream>

namespace zkload::test {
namespace {

class BridgeRows : public testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        anvil_ = new L1BridgeAnvil();
        scratch_ = new ScratchDir();
        key_file_ = scratch_->path / "rich.key";
        {
            std::ofstream out(key_file_);
            out << to_hex(dev_key(0)) << "\n";
        }
        chmod(key_file_.c_str(), 0600);
    }
    static void TearDownTestSuite()
    {
        delete scratch_;
        delete anvil_;
    }

    /// Runs one row through zkload against a fresh double; returns the row's JSON entry. A row
    /// that fails makes zkload exit non-zero (but not killed by the time limit: -1).
    nlohmann::json run_row(const std::string& row, std::vector<std::string> extra = {},
                           bool row_fails = false, int operations = 4, std::string l1_url = {})
    {
        if (l1_url.empty())
            l1_url = anvil_->url();
        L2DoubleProcess double_node(ZKLOAD_L2_DOUBLE, {"--l1-rpc-url", anvil_->url(), "--max-lifetime-s", "300"});
        const std::filesystem::path out = scratch_->path / "rows.json";
        std::filesystem::remove(out);
        std::vector<std::string> args = {"--rpc-url", double_node.url(),
                                         "--l1-rpc-url", l1_url,
                                         "--rich-key-file", key_file_.string(),
                                         "--state-dir", (scratch_->path / "state").string(),
                                         "--benchmark_filter=^" + row + "/",
                                         "--bridge-operations", std::to_string(operations),
                                         "--bridge-stage-timeout-s", "20",
                                         "--benchmark_out=" + out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        const ZkloadRun run = run_zkload(args, std::nullopt, scratch_->path, std::chrono::seconds(110));
        if (row_fails)
            EXPECT_TRUE(run.exit_code > 0 && run.exit_code != 127) << run.exit_code << run.err << run.out;
        else
            EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
        EXPECT_EQ(double_node.stop(), 0) << "the double stops cleanly on SIGTERM";
        std::cout << run.out;
        const nlohmann::json results = nlohmann::json::parse(read_file(out), nullptr, false);
        if (!results.is_object() || !results.contains("benchmarks") || results["benchmarks"].size() != 1)
        {
            ADD_FAILURE() << "no result for " << row << " in " << out << ":\n" << run.err << run.out;
            return nlohmann::json::object();
        }
        EXPECT_EQ(results["context"].value("chain_kind", ""), "zksync");
        return results["benchmarks"][0];
    }

    static double counter(const nlohmann::json& entry, const std::string& name)
    {
        EXPECT_TRUE(entry.contains(name)) << name << " missing in " << entry.dump(1);
        return entry.value(name, -1.0);
    }

    static void expect_all_completed(const nlohmann::json& entry, double operations = 4)
    {
        EXPECT_FALSE(entry.value("error_occurred", false)) << entry.value("error_message", "");
        EXPECT_EQ(counter(entry, "completed"), operations) << entry.dump(1);
        for (const auto& [name, value] : entry.items())
            EXPECT_FALSE(name.starts_with("failed_")) << name << " = " << value << ": " << entry.value("label", "");
    }

    /// Each stage has p50 ≤ p90 ≤ p99 ≤ p999 (the load rows' histogram, merged over workers).
    static void expect_stage_percentiles(const nlohmann::json& entry, const std::string& stage,
                                         const std::string& unit)
    {
        double below = 0;
        for (const char* p : {"_p50", "_p90", "_p99", "_p999"})
        {
            const double value = counter(entry, stage + p + unit);
            EXPECT_GE(value, below) << stage << p << unit;
            below = value;
        }
    }

    static L1BridgeAnvil* anvil_;
    static ScratchDir* scratch_;
    static std::filesystem::path key_file_;
};

L1BridgeAnvil* BridgeRows::anvil_ = nullptr;
ScratchDir* BridgeRows::scratch_ = nullptr;
std::filesystem::path BridgeRows::key_file_;

TEST_F(BridgeRows, DepositEthCompletesEveryOperation)
{
    const nlohmann::json row = run_row("deposit_eth/closed/concurrency:1");
    expect_all_completed(row);
    EXPECT_GT(counter(row, "l1_incl_p50_ms"), 0.0);
    EXPECT_GE(counter(row, "l2_exec_p50_ms"), 250.0) << "the double executes 300 ms after it sees the log";
    EXPECT_LT(counter(row, "l2_exec_p99_ms"), 5000.0);
    EXPECT_LT(counter(row, "l2_exec_p999_ms"), 5000.0);
    expect_stage_percentiles(row, "l1_incl", "_ms");
    expect_stage_percentiles(row, "l2_exec", "_ms");
    EXPECT_NEAR(counter(row, "l1_gas"), 200'000.0, 40'000.0) << "requestL2TransactionDirect";
    EXPECT_GT(counter(row, "l2_gas"), 0.0);
}

TEST_F(BridgeRows, DepositErc20CompletesEveryOperation)
{
    const nlohmann::json row = run_row("deposit_erc20/closed/concurrency:1");
    expect_all_completed(row);
    EXPECT_GT(counter(row, "l1_incl_p50_ms"), 0.0);
    EXPECT_GE(counter(row, "l2_exec_p50_ms"), 250.0);
    EXPECT_GT(counter(row, "l1_gas"), 150'000.0) << "requestL2TransactionTwoBridges";
    EXPECT_LT(counter(row, "l1_gas"), 700'000.0);
    EXPECT_NEAR(counter(row, "approve_gas"), 46'000.0, 20'000.0);
}

TEST_F(BridgeRows, SixteenConcurrentDepositorsShareBlocks)
{
    // 16 deposits land in the same L1 blocks: each appends to the priority tree after the
    // others, so its gas exceeds its own estimate (+20% ran out of gas in the Mailbox).
    const nlohmann::json row = run_row("deposit_eth/closed/concurrency:16", {}, false, 32);
    expect_all_completed(row, 32);
    EXPECT_NEAR(counter(row, "l1_gas"), 210'000.0, 40'000.0);
    EXPECT_GE(counter(row, "l2_exec_p50_ms"), 250.0);
    expect_stage_percentiles(row, "l1_incl", "_ms");
    expect_stage_percentiles(row, "l2_exec", "_ms");
}

TEST_F(BridgeRows, WithdrawEthUpToTheProof)
{
    const nlohmann::json row = run_row("withdraw_eth/closed/concurrency:1", {"--finalize=no"});
    expect_all_completed(row);
    EXPECT_GT(counter(row, "l2_incl_p50_ms"), 0.0);
    EXPECT_GE(counter(row, "proof_p50_s"), 0.55) << "finalized after 400 ms, proven 200 ms later";
    EXPECT_LT(counter(row, "proof_p99_s"), 5.0);
    expect_stage_percentiles(row, "l2_incl", "_ms");
    expect_stage_percentiles(row, "proof", "_s");
    EXPECT_EQ(counter(row, "l2_gas"), 0x2a000) << "the double's receipts";
    EXPECT_FALSE(row.contains("finalize_p50_s"));
}

TEST_F(BridgeRows, WithdrawErc20UpToTheProof)
{
    const nlohmann::json row = run_row("withdraw_erc20/closed/concurrency:1", {"--finalize=no"});
    expect_all_completed(row);
    EXPECT_GE(counter(row, "proof_p50_s"), 0.55);
}

TEST_F(BridgeRows, FinalizingTheDoublesProofIsRefusedByTheRealNullifier)
{
    const nlohmann::json row = run_row("withdraw_eth/closed/concurrency:1", {"--finalize=yes"}, true);
    EXPECT_TRUE(row.value("error_occurred", false)) << row.dump(1);
    const std::string message = row.value("error_message", "");
    EXPECT_NE(message.find("no operation completed: 4 failed (4 refused)"), std::string::npos) << message;
    EXPECT_NE(message.find("finalizeDeposit on L1"), std::string::npos) << message;
    EXPECT_NE(message.find("revert reason: "), std::string::npos) << message;
    EXPECT_NE(message.find("[0x"), std::string::npos) << "a decoded custom error: " << message;
}

}  // namespace
}  // namespace zkload::test

namespace zkload::test {
namespace {

TEST_F(BridgeRows, APublicMainnetL1IsRefusedBeforeAnythingIsSent)
{
    const Devnet mainnet_id = Devnet::start({.anvil_path = anvil_path(), .args = {"--chain-id", "1"}});
    const nlohmann::json row = run_row("deposit_eth/closed/concurrency:1", {}, true, 4, mainnet_id.url());
    EXPECT_TRUE(row.value("error_occurred", false)) << row.dump(1);
    EXPECT_NE(row.value("error_message", "").find("--i-understand-this-is-a-public-mainnet"), std::string::npos)
        << row.value("error_message", "");
    rpc::Client l1({.url = mainnet_id.url()});
    EXPECT_EQ(l1.block_number(), 0u) << "nothing was sent to the L1";
}

}  // namespace
}  // namespace zkload::test
