// SPDX-License-Identifier: Apache-2.0
// Private keys never leave the process: a funding run, a benchmark run and a sweep through the
// zkload binary, then every byte they wrote (stdout, stderr, the JSON results, every file in
// the state folder) is searched for the funder keys and the pool's first wallet keys.
#include "process/devnet.hpp"
#include "pool/wallets.hpp"
#include "run_zkload.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace zkload::test {
namespace {

/// anvil's dev accounts 1 and 2: the key file's funder, and a key in ZKLOAD_RICH_KEY that the
/// file outranks (it must not leak either).
constexpr const char* kFileKey =
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
constexpr const char* kEnvKey =
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
constexpr const char* kSeed = "keys-never-printed";
constexpr uint64_t kWallets = 20;
constexpr uint64_t kCheckedWalletKeys = 5;

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// The secrets as lower-case hex without 0x: a case-insensitive search for them also finds
/// the 0x-prefixed and upper-case spellings.
std::vector<std::pair<std::string, std::string>> secrets()
{
    std::vector<std::pair<std::string, std::string>> out = {{"funder key (file)", kFileKey + 2},
                                                            {"funder key (env)", kEnvKey + 2}};
    for (uint64_t i = 0; i < kCheckedWalletKeys; ++i)
        out.emplace_back("wallet key " + std::to_string(i),
                         to_hex(pool::wallet_key(kSeed, i), false));
    return out;
}

/// Names of the secrets found in `text`.
std::vector<std::string> leaks(const std::string& text)
{
    const std::string haystack = lower(text);
    std::vector<std::string> found;
    for (const auto& [name, hex] : secrets())
        if (haystack.find(hex) != std::string::npos)
            found.push_back(name);
    return found;
}

TEST(keys_in_output, the_search_finds_every_spelling)
{
    const std::string key = to_hex(pool::wallet_key(kSeed, 3), false);
    std::string upper = key;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    EXPECT_EQ(leaks("k=0x" + key), std::vector<std::string>{"wallet key 3"});
    EXPECT_EQ(leaks("K=0X" + upper + "\n"), std::vector<std::string>{"wallet key 3"});
    EXPECT_EQ(leaks(std::string("rich ") + kEnvKey), std::vector<std::string>{"funder key (env)"});
    EXPECT_TRUE(leaks(to_hex(pool::wallet_key(kSeed, kCheckedWalletKeys), false)).empty());
}

TEST(keys_in_output, fund_bench_and_sweep_write_no_key)
{
    Devnet devnet =
        Devnet::start({.anvil_path = anvil_path(), .args = DevnetOptions::load_defaults()});
    ScratchDir scratch;
    const auto state_dir = scratch.path / "state";
    const auto key_file = scratch.path / "funder.key";
    const auto json_out = scratch.path / "results.json";
    {
        std::ofstream(key_file) << kFileKey << "\n";
        std::filesystem::permissions(key_file, std::filesystem::perms::owner_read);
    }
    const std::vector<std::string> common = {"--rpc-url",       devnet.url(),
                                             "--state-dir",     state_dir.string(),
                                             "--rich-key-file", key_file.string(),
                                             "--seed",          kSeed,
                                             "--wallets",       std::to_string(kWallets)};
    const auto with = [&common](std::vector<std::string> extra) {
        extra.insert(extra.begin(), common.begin(), common.end());
        return extra;
    };

    std::vector<std::pair<std::string, std::string>> outputs;
    const auto record = [&](const std::string& what, const ZkloadRun& run) {
        outputs.emplace_back(what + " stdout", run.out);
        outputs.emplace_back(what + " stderr", run.err);
    };
    const ZkloadRun fund =
        run_zkload(with({"--fund", "--fund-strategy", "tree"}), kEnvKey, scratch.path);
    ASSERT_EQ(fund.exit_code, 0) << fund.out << fund.err;
    record("--fund", fund);
    const ZkloadRun bench = run_zkload(
        with(
            {"--benchmark_filter=micro/rpc/eth_chainId/blocking|eth_transfer/closed/concurrency:8/",
             "--txs", "100", "--benchmark_min_time=0.01", "--benchmark_out=" + json_out.string(),
             "--benchmark_out_format=json"}),
        kEnvKey, scratch.path);
    ASSERT_EQ(bench.exit_code, 0) << bench.out << bench.err;
    record("benchmark run", bench);
    outputs.emplace_back("--benchmark_out JSON", read_file(json_out));
    ASSERT_NE(outputs.back().second.find("eth_transfer/closed/concurrency:8/"), std::string::npos)
        << "the load row did not run: " << outputs.back().second.substr(0, 2000);
    EXPECT_EQ(outputs.back().second.find("error_occurred"), std::string::npos)
        << outputs.back().second.substr(0, 4000);
    const ZkloadRun sweep = run_zkload(with({"--sweep"}), kEnvKey, scratch.path);
    ASSERT_EQ(sweep.exit_code, 0) << sweep.out << sweep.err;
    record("--sweep", sweep);

    size_t state_files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(state_dir))
        if (entry.is_regular_file())
        {
            outputs.emplace_back("state file " + entry.path().filename().string(),
                                 read_file(entry.path()));
            ++state_files;
        }
    EXPECT_GE(state_files, 1u) << "the funding run wrote no state file";
    EXPECT_FALSE(leaks(read_file(key_file)).empty()) << "the key file itself must hold a secret";

    for (const auto& [what, text] : outputs)
        EXPECT_TRUE(leaks(text).empty())
            << what << " holds " << leaks(text).front() << " (" << text.size() << " bytes)";
}

}  // namespace
}  // namespace zkload::test
