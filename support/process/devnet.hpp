// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkload {

/// How to launch a local anvil for tests and load runs.
struct DevnetOptions
{
    /// Empty: env ZKLOAD_ANVIL, then the pinned npm anvil that tools/bootstrap installs, then
    /// `anvil` on PATH.
    std::string anvil_path{};

    /// Extra anvil arguments; `--host 127.0.0.1 --port N` are always added in front.
    std::vector<std::string> args{};

    std::chrono::seconds start_timeout{30};

    /// Where the log (anvil's stdout and stderr) goes; empty means the temp directory.
    std::filesystem::path log_dir{};

    /// The log is kept when start-up fails; after a clean stop it is removed unless this is set.
    bool keep_log = false;

    /// Starts retried when anvil lost the picked port to another process in the meantime.
    int port_attempts = 3;

    /// Measured on anvil 1.7.1 as good for load: 1 s blocks (automine stalls past ~1000
    /// pending transactions), a 1e9 gas limit, cancun (prague slows as the chain grows), pruned
    /// history, and the transactions of the last kDevnetTransactionBlocks blocks only.
    static std::vector<std::string> load_defaults();
};

/// Blocks whose transactions and receipts the embedded devnet keeps (anvil
/// --transaction-block-keeper): 128 s at its 1 s blocks, about twice its longest default row
/// (the deploy row, whose backlog drains over ~60 blocks) with the receipts read after it.
/// Without it anvil keeps every transaction with its receipt, ~4-5 KB each: nine repetitions of
/// eth_transfer/closed/concurrency:64 grew it from 0.7 to 5.7 GB, a default tools/bench to 11 GB;
/// with it the same nine ended at 3.9 GB, and a soak at 2,000/s grows it by ~1 KB a transfer once
/// the first 128 blocks are full, against ~5 KB without (anvil 1.7.1, 2-core VM).
inline constexpr unsigned kDevnetTransactionBlocks = 128;

/// A launcher failure; the message names the cause (path, exit status, log tail).
class DevnetError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The anvil binary DevnetOptions::anvil_path resolves to; throws DevnetError saying where it
/// looked and to run tools/bootstrap when there is none.
std::string resolve_anvil_path(const std::string& configured);

/// One anvil child process on a free loopback port, stopped (and reaped) when this goes away.
///
/// The child gets PR_SET_PDEATHSIG(SIGKILL) so that it dies with us even on SIGKILL. Linux ties
/// that signal to the *thread* that forked, not the process: start devnets from a long-lived
/// thread such as main, never from a short-lived worker (e.g. a benchmark thread).
class Devnet
{
public:
    /// Launches anvil and waits until it answers eth_chainId (bounded by start_timeout).
    static Devnet start(const DevnetOptions& options);

    ~Devnet();
    Devnet(Devnet&& other) noexcept;
    Devnet& operator=(Devnet&& other) noexcept;
    Devnet(const Devnet&) = delete;
    Devnet& operator=(const Devnet&) = delete;

    /// -1 once stopped.
    pid_t pid() const noexcept { return pid_; }
    uint16_t port() const noexcept { return port_; }
    const std::string& url() const noexcept { return url_; }

    /// Every argument anvil got after its path, `--host` and `--port` included.
    const std::vector<std::string>& args() const noexcept { return args_; }
    const std::filesystem::path& log_path() const noexcept { return log_path_; }

    /// SIGTERM, a bounded wait, then SIGKILL; always reaps. Only ever signals our own child's pid.
    void stop() noexcept;

private:
    Devnet() = default;
    void wait_ready(const std::string& path, std::chrono::seconds timeout);

    pid_t pid_ = -1;
    uint16_t port_ = 0;
    std::string url_;
    std::vector<std::string> args_;
    std::filesystem::path log_path_;
    bool keep_log_ = false;
};

}  // namespace zkload
