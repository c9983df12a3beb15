// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "process/devnet.hpp"
#include "txn/ecdsa.hpp"
#include "codec/keccak.hpp"
#include "pool/balances.hpp"
#include "pool/payments.hpp"
#include "pool/wallet_pool.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace zkload::pool::test {

/// anvil's first dev account: the devnet's default funder.
inline const PrivateKey kFunder =
    parse_fixed_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

/// Starts the zkload binary with `args`, the dev key in ZKLOAD_RICH_KEY, its output (stdout
/// and stderr) to `output`; returns its pid.
inline pid_t start_zkload(const std::vector<std::string>& args, const std::string& output)
{
    std::vector<std::string> all = {ZKLOAD_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    const pid_t pid = fork();
    if (pid == 0)
    {
        const int fd = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        setenv("ZKLOAD_RICH_KEY", to_hex(kFunder).c_str(), 1);
        std::vector<char*> argv;
        for (const auto& a : all)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

/// Runs zkload to its end (bounded by the test's ctest timeout); returns exit code and output.
inline std::pair<int, std::string> run_zkload(const std::vector<std::string>& args,
                                              const std::filesystem::path& scratch)
{
    const std::string output = (scratch / "zkload-output.txt").string();
    std::filesystem::create_directories(scratch);
    int status = 0;
    waitpid(start_zkload(args, output), &status, 0);
    std::ifstream in(output);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
            std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())};
}

/// A fresh anvil and an empty state folder per test.
class Funding : public testing::Test
{
protected:
    void SetUp() override { start_node(); }

    void TearDown() override { std::filesystem::remove_all(state_dir_); }

    /// The load defaults (1 s blocks): with automine anvil leaves transactions that did not fit
    /// the first block pending until another transaction arrives, which funding never sends.
    void start_node(std::vector<std::string> args = DevnetOptions::load_defaults())
    {
        client_.reset();
        devnet_.reset();
        devnet_ = std::make_unique<Devnet>(
            Devnet::start({.anvil_path = zkload::test::anvil_path(), .args = std::move(args)}));
        client_ = std::make_unique<rpc::Client>(rpc::ClientOptions{.url = devnet_->url()});
        if (state_dir_.empty())
            state_dir_ = std::filesystem::temp_directory_path() /
                         ("zkload-funding-" + std::to_string(std::random_device{}()));
    }

    PoolOptions options(Strategy strategy, uint64_t size) const
    {
        return {.seed_name = "funding-test",
                .size = size,
                .need = {.eth = U256(10'000'000'000'000'000ull), .token = U256(100) * kOneToken},
                .strategy = strategy,
                .state_dir = state_dir_,
                .timeout = std::chrono::seconds(60)};
    }

    /// Every wallet holds exactly `need`, paid once: a double payment would show. With `tree`,
    /// the distributors (every 250th wallet) also keep their unspent fee allowance, < 0.1 ETH.
    void expect_funded_once(const WalletPool& pool, const Need& need, bool tree)
    {
        std::vector<Address> addresses;
        for (const Wallet& w : pool.wallets())
            addresses.push_back(w.address);
        const auto eth = eth_balances(*client_, addresses);
        const auto token = token_balances(*client_, pool.state().contract(kTokenContract).value(), addresses);
        size_t wrong = 0;
        for (size_t i = 0; i < addresses.size(); ++i)
            if (token[i] != need.token ||
                (tree && i % kRecipientsPerTxn == 0
                     ? eth[i] < need.eth || eth[i] >= need.eth + kFeeAllowanceLimit
                     : eth[i] != need.eth))
                ++wrong;
        EXPECT_EQ(wrong, 0u) << "of " << addresses.size() << " wallets; first: eth=" << eth[0]
                             << " token=" << token[0];
    }

    static inline const U256 kFeeAllowanceLimit = U256(100'000'000'000'000'000ull);
    static inline const U256 kOneToken = U256(1'000'000'000'000'000'000ull);
    std::unique_ptr<Devnet> devnet_;
    std::unique_ptr<rpc::Client> client_;
    std::filesystem::path state_dir_;
};

}  // namespace zkload::pool::test
