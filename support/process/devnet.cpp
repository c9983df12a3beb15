// SPDX-License-Identifier: Apache-2.0
#include "process/devnet.hpp"

#include "process/child_process.hpp"
#include "rpc/client.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace zkload {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStopGrace = std::chrono::seconds(5);
constexpr auto kPollStep = std::chrono::milliseconds(20);
constexpr std::string_view kBootstrapHint = "run tools/bootstrap to install the pinned anvil";

/// Start-up lost the port to another process between picking and binding it: try another.
struct PortTaken
{
};

bool is_executable(const std::string& path)
{
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

/// pick_free_loopback_port, its failure as a DevnetError.
uint16_t pick_free_port()
{
    try
    {
        return pick_free_loopback_port();
    }
    catch (const ChildProcessError& e)
    {
        throw DevnetError(e.what());
    }
}

/// spawn_child for anvil, its failures as DevnetError (an exec failure with the bootstrap hint).
pid_t spawn_anvil(const std::string& path,
                  const std::vector<std::string>& args,
                  const std::filesystem::path& log_path)
{
    try
    {
        return spawn_child("anvil", path, args, log_path);
    }
    catch (const ExecError& e)
    {
        throw DevnetError(std::string(e.what()) + "; " + std::string(kBootstrapHint));
    }
    catch (const ChildProcessError& e)
    {
        throw DevnetError(e.what());
    }
}

std::filesystem::path make_log_path(const DevnetOptions& options, uint16_t port)
{
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path dir =
        options.log_dir.empty() ? std::filesystem::temp_directory_path() : options.log_dir;
    return dir / ("zkload-anvil-" + std::to_string(::getpid()) + "-" + std::to_string(port) + "-" +
                  std::to_string(counter++) + ".log");
}

}  // namespace

std::vector<std::string> DevnetOptions::load_defaults()
{
    return {"--block-time",
            "1",
            "--gas-limit",
            "1000000000",
            "--hardfork",
            "cancun",
            "--prune-history",
            "--transaction-block-keeper",
            std::to_string(kDevnetTransactionBlocks)};
}

std::string resolve_anvil_path(const std::string& configured)
{
    if (!configured.empty())
    {
        if (is_executable(configured))
            return configured;
        throw DevnetError("anvil not found or not executable at " + configured +
                          " (DevnetOptions::anvil_path); " + std::string(kBootstrapHint));
    }
    if (const char* env = std::getenv("ZKLOAD_ANVIL"); env != nullptr && *env != '\0')
    {
        if (is_executable(env))
            return env;
        throw DevnetError("anvil not found or not executable at " + std::string(env) +
                          " (ZKLOAD_ANVIL); " + std::string(kBootstrapHint));
    }
    std::string looked;
#ifdef ZKLOAD_DEFAULT_ANVIL
    if (is_executable(ZKLOAD_DEFAULT_ANVIL))
        return ZKLOAD_DEFAULT_ANVIL;
    looked = std::string(ZKLOAD_DEFAULT_ANVIL) + ", ";
#endif
    if (const char* path = std::getenv("PATH"); path != nullptr)
    {
        std::istringstream dirs(path);
        for (std::string dir; std::getline(dirs, dir, ':');)
        {
            const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/anvil";
            if (is_executable(candidate))
                return candidate;
        }
    }
    throw DevnetError("no anvil binary: looked at " + looked + "anvil on PATH; " +
                      std::string(kBootstrapHint) + " (or set ZKLOAD_ANVIL)");
}

Devnet Devnet::start(const DevnetOptions& options)
{
    const std::string path = resolve_anvil_path(options.anvil_path);
    for (int attempt = 1;; ++attempt)
    {
        Devnet devnet;
        devnet.keep_log_ = options.keep_log;
        devnet.port_ = pick_free_port();
        devnet.url_ = "http://127.0.0.1:" + std::to_string(devnet.port_);
        devnet.args_ = {"--host", "127.0.0.1", "--port", std::to_string(devnet.port_)};
        devnet.args_.insert(devnet.args_.end(), options.args.begin(), options.args.end());
        devnet.log_path_ = make_log_path(options, devnet.port_);
        devnet.pid_ = spawn_anvil(path, devnet.args_, devnet.log_path_);
        try
        {
            devnet.wait_ready(path, options.start_timeout);
            return devnet;
        }
        catch (const PortTaken&)
        {
            if (attempt < options.port_attempts)
            {
                std::error_code ignored;
                std::filesystem::remove(devnet.log_path_, ignored);
                continue;
            }
            throw DevnetError("anvil lost its port to another process " + std::to_string(attempt) +
                              " times; log " + devnet.log_path_.string() +
                              log_tail(devnet.log_path_));
        }
    }
}

void Devnet::wait_ready(const std::string& path, std::chrono::seconds timeout)
{
    const auto fail = [&](const std::string& why)
    {
        const std::string tail = log_tail(log_path_);
        pid_ = -1;
        std::string args;
        for (const std::string& arg : args_)
            args += " " + arg;
        throw DevnetError("anvil (" + path + args + ") " + why + "; log " + log_path_.string() +
                          ", last lines:" + tail);
    };
    rpc::Client client(
        rpc::ClientOptions{url_, std::chrono::milliseconds(1000), std::chrono::milliseconds(250)});
    const auto deadline = Clock::now() + timeout;
    while (true)
    {
        if (const std::optional<int> status = reap_if_exited(pid_))
        {
            if (log_tail(log_path_).find("Address already in use") != std::string::npos)
            {
                pid_ = -1;
                throw PortTaken{};
            }
            fail(describe_wait_status(*status) + " during start-up");
        }
        if (client.call("eth_chainId").ok() && !reap_if_exited(pid_))
            return;
        if (Clock::now() >= deadline)
        {
            kill_and_reap(pid_);
            fail("did not answer eth_chainId within " + std::to_string(timeout.count()) + " s");
        }
        std::this_thread::sleep_for(kPollStep);
    }
}

Devnet::~Devnet()
{
    stop();
}

Devnet::Devnet(Devnet&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      port_(other.port_),
      url_(std::move(other.url_)),
      args_(std::move(other.args_)),
      log_path_(std::move(other.log_path_)),
      keep_log_(other.keep_log_)
{
}

Devnet& Devnet::operator=(Devnet&& other) noexcept
{
    if (this != &other)
    {
        stop();
        pid_ = std::exchange(other.pid_, -1);
        port_ = other.port_;
        url_ = std::move(other.url_);
        args_ = std::move(other.args_);
        log_path_ = std::move(other.log_path_);
        keep_log_ = other.keep_log_;
    }
    return *this;
}

void Devnet::stop() noexcept
{
    if (pid_ <= 0)
        return;
    stop_child(std::exchange(pid_, -1), kStopGrace);
    if (!keep_log_)
    {
        std::error_code ignored;
        std::filesystem::remove(log_path_, ignored);
    }
}

}  // namespace zkload
