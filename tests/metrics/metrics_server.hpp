// SPDX-License-Identifier: Apache-2.0
#pragma once
// A tiny metrics endpoint for tests: Python's http.server on a free loopback port, serving the
// files of a temporary folder; started and stopped by pid.
#include "process/child_process.hpp"
#include "metrics/scrape.hpp"

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace zkload::test {

class MetricsServer
{
public:
    MetricsServer()
        : dir_(std::filesystem::temp_directory_path() /
               ("zkload-metrics-server-" + std::to_string(getpid())))
    {
        std::filesystem::create_directories(dir_);
        publish("ready", "ready 1\n");
        for (int attempt = 0; attempt < 3 && pid_ < 0; ++attempt)
            try_start();
        if (pid_ < 0)
            throw std::runtime_error("python3 -m http.server did not start; see " +
                                     (dir_ / "server.log").string());
    }
    ~MetricsServer()
    {
        if (pid_ > 0)
            stop_child(pid_, std::chrono::milliseconds(2000));
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    /// Replaces what http://…/<leaf> serves (written aside, then renamed: a scrape never sees
    /// half a file).
    void publish(const std::string& leaf, const std::string& text)
    {
        const auto aside = dir_ / (leaf + ".tmp");
        std::ofstream(aside) << text;
        std::filesystem::rename(aside, dir_ / leaf);
    }
    std::string url(const std::string& leaf) const
    {
        return "http://127.0.0.1:" + std::to_string(port_) + "/" + leaf;
    }
    pid_t pid() const { return pid_; }
    uint16_t port() const { return port_; }

private:
    void try_start()
    {
        port_ = pick_free_loopback_port();
        pid_ = spawn_child("http.server", ZKLOAD_TEST_PYTHON3,
                           {"-m", "http.server", std::to_string(port_), "--bind", "127.0.0.1",
                            "--directory", dir_.string()},
                           dir_ / "server.log");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline)
        {
            try
            {
                metrics::fetch_metrics_text(url("ready"), std::chrono::milliseconds(500));
                return;
            }
            catch (const metrics::ScrapeError&)
            {
                if (reap_if_exited(pid_))  // lost the port to another process: try another
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        stop_child(pid_, std::chrono::milliseconds(500));
        pid_ = -1;
    }

    std::filesystem::path dir_;
    uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace zkload::test
