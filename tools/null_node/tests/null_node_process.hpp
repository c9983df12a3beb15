// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zkload::test {

/// The zkload-null-node binary this test build made.
std::string null_node_path();

/// One zkload-null-node child for one test: started with `--port 0`, ready once it printed its
/// listening line, stopped by pid (SIGTERM, then SIGKILL) when this goes away.
class NullNodeProcess
{
public:
    /// Starts the binary with `args` after `--port 0` and waits (at most 10 s) for
    /// `listening on http://…`; throws std::runtime_error with the log's tail otherwise.
    explicit NullNodeProcess(const std::vector<std::string>& args = {});
    ~NullNodeProcess();
    NullNodeProcess(const NullNodeProcess&) = delete;
    NullNodeProcess& operator=(const NullNodeProcess&) = delete;

    pid_t pid() const noexcept { return pid_; }
    const std::string& url() const noexcept { return url_; }
    uint16_t port() const noexcept { return port_; }

    /// Everything the child printed so far (stdout and stderr).
    std::string output() const;

    /// Sends `signal` and waits up to `limit` for the exit; the wait status, nullopt on timeout.
    std::optional<int> signal_and_wait(int signal, std::chrono::milliseconds limit);

private:
    pid_t pid_ = -1;
    std::string url_;
    uint16_t port_ = 0;
    std::filesystem::path log_;
};

/// Runs the binary with `args` to its exit (bounded by `limit`, then killed); the wait status
/// (nullopt on timeout) and what it printed.
std::pair<std::optional<int>, std::string> run_null_node(const std::vector<std::string>& args,
                                                          std::chrono::milliseconds limit);

}  // namespace zkload::test
