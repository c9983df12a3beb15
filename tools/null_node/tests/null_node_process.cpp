// SPDX-License-Identifier: Apache-2.0
#include "null_node_process.hpp"

#include "process/child_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace zkload::test {
namespace {

constexpr std::string_view kListening = "listening on http://";
constexpr size_t kUrlOffset = std::string_view("listening on ").size();

std::filesystem::path fresh_log_path()
{
    static std::atomic<int> counter{0};
    return std::filesystem::temp_directory_path() /
           ("zkload-null-node-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter++) + ".log");
}

std::string read_all(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Polls for the child's exit until `limit`; the wait status, nullopt on timeout.
std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;)
    {
        if (const auto status = reap_if_exited(pid))
            return status;
        if (std::chrono::steady_clock::now() > deadline)
            return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

std::string null_node_path()
{
    const char* configured = std::getenv("ZKLOAD_NULL_NODE");
    return configured != nullptr && *configured != '\0' ? configured : ZKLOAD_NULL_NODE;
}

NullNodeProcess::NullNodeProcess(const std::vector<std::string>& args) : log_(fresh_log_path())
{
    std::vector<std::string> all{"--port", "0"};
    all.insert(all.end(), args.begin(), args.end());
    pid_ = spawn_child("zkload-null-node", null_node_path(), all, log_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;)
    {
        const std::string text = read_all(log_);
        const size_t at = text.find(kListening);
        const size_t end = at == std::string::npos ? at : text.find('\n', at);
        if (end != std::string::npos)
        {
            url_ = text.substr(at + kUrlOffset, end - at - kUrlOffset);
            port_ = static_cast<uint16_t>(std::stoi(url_.substr(url_.rfind(':') + 1)));
            return;
        }
        if (const auto status = reap_if_exited(pid_))
        {
            pid_ = -1;
            throw std::runtime_error("zkload-null-node " + describe_wait_status(*status) +
                                     ": " + text);
        }
        if (std::chrono::steady_clock::now() > deadline)
        {
            stop_child(pid_, std::chrono::milliseconds(500));
            throw std::runtime_error("zkload-null-node printed no listening line in 10 s: " +
                                     text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

NullNodeProcess::~NullNodeProcess()
{
    if (pid_ > 0)
        stop_child(pid_, std::chrono::milliseconds(2000));
    std::error_code ignored;
    std::filesystem::remove(log_, ignored);
}

std::string NullNodeProcess::output() const
{
    return read_all(log_);
}

std::optional<int> NullNodeProcess::signal_and_wait(int signal, std::chrono::milliseconds limit)
{
    if (pid_ <= 0 || ::kill(pid_, signal) != 0)
        return std::nullopt;
    const auto status = wait_exit(pid_, limit);
    if (status)
        pid_ = -1;
    return status;
}

std::pair<std::optional<int>, std::string> run_null_node(const std::vector<std::string>& args,
                                                          std::chrono::milliseconds limit)
{
    const auto log = fresh_log_path();
    const pid_t pid = spawn_child("zkload-null-node", null_node_path(), args, log);
    auto status = wait_exit(pid, limit);
    if (!status)
        kill_and_reap(pid);
    std::string text = read_all(log);
    std::error_code ignored;
    std::filesystem::remove(log, ignored);
    return {status, text};
}

}  // namespace zkload::test
