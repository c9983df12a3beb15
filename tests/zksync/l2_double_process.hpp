// SPDX-License-Identifier: Apache-2.0
// zkload-l2-double as a child process for tests: started with its flags, its URL read from the
// first line it prints (bounded wait), stopped by pid with SIGTERM (SIGKILL if it lingers).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace zkload::test {

class L2DoubleProcess
{
public:
    L2DoubleProcess(const std::string& binary, const std::vector<std::string>& args)
    {
        int out[2];
        if (pipe2(out, O_CLOEXEC) != 0)
            throw std::runtime_error("cannot create a pipe for zkload-l2-double");
        pid_ = fork();
        if (pid_ == 0)
        {
            dup2(out[1], STDOUT_FILENO);
            std::vector<std::string> all = {binary};
            all.insert(all.end(), args.begin(), args.end());
            std::vector<char*> argv;
            for (auto& a : all)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        url_ = read_line(out[0], std::chrono::seconds(15));
        close(out[0]);
        if (url_.rfind("http://127.0.0.1:", 0) != 0)
        {
            stop();
            throw std::runtime_error("zkload-l2-double printed no URL (\"" + url_ + "\")");
        }
    }

    ~L2DoubleProcess() { stop(); }
    L2DoubleProcess(const L2DoubleProcess&) = delete;
    L2DoubleProcess& operator=(const L2DoubleProcess&) = delete;

    const std::string& url() const { return url_; }

    /// SIGTERM, then up to 5 s for a clean exit, then SIGKILL. Returns the exit status
    /// (-1 when it had to be killed or was stopped before).
    int stop()
    {
        if (pid_ <= 0)
            return -1;
        kill(pid_, SIGTERM);
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (waitpid(pid_, &status, WNOHANG) == 0)
        {
            if (std::chrono::steady_clock::now() > deadline)
            {
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                pid_ = 0;
                return -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    static std::string read_line(int fd, std::chrono::seconds limit)
    {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (line.find('\n') == std::string::npos && line.size() < 4096 &&
               std::chrono::steady_clock::now() < deadline)
        {
            pollfd ready{fd, POLLIN, 0};
            if (poll(&ready, 1, 50) <= 0)
                continue;
            char chunk[256];
            const ssize_t n = read(fd, chunk, sizeof(chunk));
            if (n <= 0)
                break;
            line.append(chunk, static_cast<size_t>(n));
        }
        return line.substr(0, line.find('\n'));
    }

    pid_t pid_ = 0;
    std::string url_;
};

}  // namespace zkload::test
