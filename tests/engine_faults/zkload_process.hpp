// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "process/child_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace zkload::test {

inline std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The zkload binary running in the background (its stdout is line-buffered, so a finished
/// row's line shows in the log at once), stdout and stderr in one log. Killed by pid if
/// still running when this goes away.
class ZkloadProcess
{
public:
    ZkloadProcess(const std::vector<std::string>& args, std::filesystem::path log) : log_(std::move(log))
    {
        pid_ = spawn_child("zkload", ZKLOAD_BINARY, args, log_);
    }

    ~ZkloadProcess()
    {
        if (pid_ > 0 && !exit_code_)
            kill_and_reap(pid_);
    }

    ZkloadProcess(const ZkloadProcess&) = delete;
    ZkloadProcess& operator=(const ZkloadProcess&) = delete;

    pid_t pid() const noexcept { return pid_; }
    std::string log() const { return read_text(log_); }

    /// Waits at most `limit` for `text` to appear in the log; false if it did not (or zkload ended).
    bool wait_for_log(const std::string& text, std::chrono::seconds limit)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline && !finished())
        {
            if (log().find(text) != std::string::npos)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return log().find(text) != std::string::npos;
    }

    /// The exit code once zkload ended within `limit` (-1: killed by a signal); nullopt if it
    /// was still running (it is then killed).
    std::optional<int> wait(std::chrono::seconds limit)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!finished())
        {
            if (std::chrono::steady_clock::now() >= deadline)
            {
                kill_and_reap(pid_);
                exit_code_ = -2;
                return std::nullopt;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return exit_code_;
    }

    void signal(int sig) const { ::kill(pid_, sig); }

private:
    bool finished()
    {
        if (exit_code_)
            return true;
        if (const std::optional<int> status = reap_if_exited(pid_))
            exit_code_ = WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
        return exit_code_.has_value();
    }

    pid_t pid_ = -1;
    std::filesystem::path log_;
    std::optional<int> exit_code_;
};

/// The pids of `parent`'s children whose command name is `name`, read from /proc.
inline std::vector<pid_t> children_named(pid_t parent, const std::string& name)
{
    std::vector<pid_t> out;
    for (const auto& entry : std::filesystem::directory_iterator("/proc"))
    {
        const std::string pid = entry.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const std::string stat = read_text(entry.path() / "stat");
        const size_t open = stat.find('(');
        const size_t close = stat.rfind(')');
        if (open == std::string::npos || close == std::string::npos || close + 4 >= stat.size())
            continue;
        const std::string comm = stat.substr(open + 1, close - open - 1);
        const pid_t ppid = static_cast<pid_t>(std::stol(stat.substr(stat.find(' ', close + 3) + 1)));
        if (comm == name && ppid == parent)
            out.push_back(static_cast<pid_t>(std::stol(pid)));
    }
    return out;
}

/// True once `pid` no longer exists (reaped), waiting at most `limit`.
inline bool gone_within(pid_t pid, std::chrono::seconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline)
    {
        if (!std::filesystem::exists("/proc/" + std::to_string(pid)))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace zkload::test
