// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "process/child_process.hpp"
#include "process/devnet.hpp"
#include "rpc/client.hpp"
#include "test_env.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace zkload::test {

/// An anvil child on a port the test chooses, so that a "restarted node" comes back at the same
/// URL (Devnet always picks a fresh port). Killed like a crash (SIGKILL) or stopped, by pid.
class AnvilOnPort
{
public:
    /// Starts anvil on 127.0.0.1:`port` with the load defaults and waits (at most 30 s) until it
    /// answers; retries a few times while the port is still held by a process just killed.
    explicit AnvilOnPort(uint16_t port) : port_(port), url_("http://127.0.0.1:" + std::to_string(port))
    {
        std::vector<std::string> args = {"--host", "127.0.0.1", "--port", std::to_string(port)};
        for (const std::string& arg : DevnetOptions::load_defaults())
            args.push_back(arg);
        log_ = std::filesystem::temp_directory_path() /
               ("zkload-efaults-anvil-" + std::to_string(getpid()) + "-" + std::to_string(port) + ".log");
        for (int attempt = 1; attempt <= 5; ++attempt)
        {
            pid_ = spawn_child("anvil", anvil_path(), args, log_);
            if (wait_ready())
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
        throw std::runtime_error("anvil did not start on port " + std::to_string(port) + ":" + log_tail(log_));
    }

    ~AnvilOnPort()
    {
        stop();
        std::error_code ignored;
        std::filesystem::remove(log_, ignored);
    }

    AnvilOnPort(const AnvilOnPort&) = delete;
    AnvilOnPort& operator=(const AnvilOnPort&) = delete;

    pid_t pid() const noexcept { return pid_; }
    const std::string& url() const noexcept { return url_; }
    uint16_t port() const noexcept { return port_; }

    /// SIGKILL now, as a crash: no shutdown, its mempool gone. Safe from another thread; the
    /// child is reaped by stop() (or the destructor) on the thread that owns this object.
    void crash() const noexcept
    {
        if (pid_ > 0)
            ::kill(pid_, SIGKILL);
    }

    /// Stops and reaps the child (SIGTERM, a bounded wait, SIGKILL).
    void stop() noexcept
    {
        if (pid_ > 0)
            stop_child(pid_, std::chrono::milliseconds(2000));
        pid_ = -1;
    }

private:
    bool wait_ready()
    {
        rpc::Client client({.url = url_, .timeout = std::chrono::milliseconds(1000),
                            .connect_timeout = std::chrono::milliseconds(250)});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline)
        {
            if (reap_if_exited(pid_))
            {
                pid_ = -1;
                return false;  // most likely the port was not free yet
            }
            if (client.call("eth_chainId").ok())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        throw std::runtime_error("anvil did not answer on " + url_ + " within 30 s:" + log_tail(log_));
    }

    pid_t pid_ = -1;
    uint16_t port_;
    std::string url_;
    std::filesystem::path log_;
};

}  // namespace zkload::test
