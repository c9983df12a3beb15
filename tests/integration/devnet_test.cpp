// SPDX-License-Identifier: Apache-2.0
#include "process/devnet.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

using namespace zkload;

namespace {

DevnetOptions anvil_options(std::vector<std::string> args = {})
{
    DevnetOptions options;
    options.anvil_path = test::anvil_path();
    options.args = std::move(args);
    return options;
}

/// Our own reaped child: no such process any more.
bool reaped(pid_t pid)
{
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

/// The log path a failed start quotes; such a log is kept for the user, tests remove it.
std::string kept_log(const std::string& error)
{
    const size_t at = error.find("; log ");
    const size_t end = error.find(", last lines");
    if (at == std::string::npos || end == std::string::npos || end < at)
        return {};
    return error.substr(at + 6, end - at - 6);
}

/// A reaped pid is gone; an orphan's pid may linger as a zombie until its new parent reaps it.
bool gone_or_zombie(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z';
}

bool wait_gone(pid_t pid, std::chrono::seconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!gone_or_zombie(pid))
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::string start_error(const DevnetOptions& options)
{
    try
    {
        Devnet devnet = Devnet::start(options);
        return "started (pid " + std::to_string(devnet.pid()) + ")";
    }
    catch (const DevnetError& e)
    {
        return e.what();
    }
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(devnet, starts_answers_and_stops)
{
    Devnet devnet = Devnet::start(anvil_options());
    const pid_t pid = devnet.pid();
    ASSERT_GT(pid, 0);
    EXPECT_EQ(devnet.url(), "http://127.0.0.1:" + std::to_string(devnet.port()));
    const std::vector<std::string> expected{"--host", "127.0.0.1", "--port",
                                            std::to_string(devnet.port())};
    EXPECT_EQ(devnet.args(), expected);
    rpc::Client client({devnet.url()});
    EXPECT_EQ(client.chain_id(), 31337u);
    const auto log = devnet.log_path();
    EXPECT_TRUE(std::filesystem::exists(log));

    devnet.stop();
    EXPECT_EQ(devnet.pid(), -1);
    EXPECT_TRUE(reaped(pid));
    EXPECT_FALSE(std::filesystem::exists(log));
    EXPECT_FALSE(client.call("eth_chainId").ok());
}

TEST(devnet, load_defaults_start_and_are_passed_on)
{
    const std::vector<std::string> defaults = DevnetOptions::load_defaults();
    EXPECT_EQ(defaults, (std::vector<std::string>{"--block-time", "1", "--gas-limit", "1000000000", "--hardfork",
                                                  "cancun", "--prune-history", "--transaction-block-keeper",
                                                  std::to_string(kDevnetTransactionBlocks)}));
    Devnet devnet = Devnet::start(anvil_options(defaults));
    ASSERT_GE(devnet.args().size(), defaults.size());
    const auto tail = devnet.args().end() - static_cast<std::ptrdiff_t>(defaults.size());
    EXPECT_TRUE(std::equal(defaults.begin(), defaults.end(), tail));
    rpc::Client client({devnet.url()});
    EXPECT_EQ(client.chain_id(), 31337u);
    const nlohmann::json block = client.call_or_throw("eth_getBlockByNumber", {"latest", false});
    EXPECT_EQ(block["gasLimit"], "0x3b9aca00");
}

TEST(devnet, destructor_and_moves_keep_one_owner)
{
    pid_t pid = -1;
    {
        Devnet first = Devnet::start(anvil_options());
        pid = first.pid();
        Devnet second = std::move(first);
        EXPECT_EQ(first.pid(), -1);
        EXPECT_EQ(second.pid(), pid);
        first.stop();
        EXPECT_EQ(::kill(pid, 0), 0) << "stopping a moved-from devnet must not touch the child";
        EXPECT_EQ(rpc::Client({second.url()}).chain_id(), 31337u);
    }
    EXPECT_TRUE(reaped(pid));
}

TEST(devnet, anvil_does_not_outlive_a_killed_parent)
{
    int out[2];
    ASSERT_EQ(::pipe2(out, O_CLOEXEC), 0);
    const pid_t holder = ::fork();
    ASSERT_GE(holder, 0);
    if (holder == 0)
    {
        ::dup2(out[1], STDOUT_FILENO);
        ::execl(ZKLOAD_DEVNET_HOLDER, ZKLOAD_DEVNET_HOLDER, static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline)
    {
        pollfd ready{out[0], POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0)
            continue;
        char chunk[64];
        const ssize_t n = ::read(out[0], chunk, sizeof(chunk));
        if (n <= 0)
            break;
        line.append(chunk, static_cast<size_t>(n));
    }
    ::close(out[0]);
    const pid_t anvil = static_cast<pid_t>(std::atol(line.c_str()));
    const size_t space = line.find(' ');
    const std::string log =
        space == std::string::npos ? "" : line.substr(space + 1, line.find('\n') - space - 1);
    ::kill(holder, SIGKILL);
    int status = 0;
    ::waitpid(holder, &status, 0);
    ASSERT_GT(anvil, 0) << "the holder printed no pid: \"" << line << "\"";

    const bool gone = wait_gone(anvil, std::chrono::seconds(5));
    if (!gone)
    {
        std::ifstream cmdline("/proc/" + std::to_string(anvil) + "/cmdline");
        std::string name;
        std::getline(cmdline, name, '\0');
        if (contains(name, "anvil"))
            ::kill(anvil, SIGKILL);
    }
    EXPECT_TRUE(gone) << "anvil " << anvil << " outlived its killed parent";
    EXPECT_TRUE(std::filesystem::remove(log)) << "holder log: " << log;
}

TEST(devnet, missing_binary_names_the_path_and_the_fix)
{
    const std::string error = start_error(DevnetOptions{"/nonexistent/zkload/anvil"});
    EXPECT_TRUE(contains(error, "/nonexistent/zkload/anvil")) << error;
    EXPECT_TRUE(contains(error, "tools/bootstrap")) << error;

    const auto plain = std::filesystem::temp_directory_path() /
                       ("zkload-not-executable-" + std::to_string(::getpid()));
    std::ofstream(plain) << "not a program\n";
    const std::string not_executable = start_error(DevnetOptions{plain.string()});
    std::filesystem::remove(plain);
    EXPECT_TRUE(contains(not_executable, "not executable")) << not_executable;
}

TEST(devnet, env_path_is_used_when_none_is_given)
{
    const std::string saved = test::anvil_path();
    ::setenv("ZKLOAD_ANVIL", "/nonexistent/from-env/anvil", 1);
    const std::string error = start_error(DevnetOptions{});
    ::setenv("ZKLOAD_ANVIL", saved.c_str(), 1);
    EXPECT_TRUE(contains(error, "/nonexistent/from-env/anvil")) << error;
    EXPECT_TRUE(contains(error, "ZKLOAD_ANVIL")) << error;
    EXPECT_EQ(resolve_anvil_path(""), saved);
}

TEST(devnet, bad_args_report_exit_status_and_log_tail)
{
    const std::string error = start_error(anvil_options({"--definitely-not-an-anvil-flag"}));
    EXPECT_TRUE(contains(error, "exited with status 2")) << error;
    EXPECT_TRUE(contains(error, "unexpected argument '--definitely-not-an-anvil-flag'")) << error;
    const std::string log = kept_log(error);
    ASSERT_FALSE(log.empty()) << error;
    EXPECT_TRUE(std::filesystem::exists(log)) << "the log of a failed start is kept: " << log;
    std::filesystem::remove(log);
}

TEST(devnet, start_timeout_kills_a_silent_binary)
{
    const auto script = std::filesystem::temp_directory_path() /
                        ("zkload-silent-anvil-" + std::to_string(::getpid()));
    std::ofstream(script) << "#!/bin/sh\nexec sleep 30\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    DevnetOptions options{script.string()};
    options.start_timeout = std::chrono::seconds(1);
    const std::string error = start_error(options);
    std::filesystem::remove(script);
    EXPECT_TRUE(contains(error, "did not answer eth_chainId within 1 s")) << error;
    const std::string log = kept_log(error);
    EXPECT_FALSE(log.empty()) << error;
    std::filesystem::remove(log);
}

TEST(devnet, the_funder_key_does_not_reach_anvil)
{
    setenv("ZKLOAD_RICH_KEY", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);
    Devnet devnet = Devnet::start({.anvil_path = test::anvil_path()});
    unsetenv("ZKLOAD_RICH_KEY");
    std::ifstream environ_file("/proc/" + std::to_string(devnet.pid()) + "/environ");
    const std::string environ_text((std::istreambuf_iterator<char>(environ_file)),
                                   std::istreambuf_iterator<char>());
    ASSERT_FALSE(environ_text.empty()) << "could not read anvil's environment";
    EXPECT_EQ(environ_text.find("ZKLOAD_RICH_KEY"), std::string::npos);
    EXPECT_NE(environ_text.find("PATH="), std::string::npos);
}
