// SPDX-License-Identifier: Apache-2.0
#include "process/child_process.hpp"

#include "rpc/errors.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <thread>

namespace zkload {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kLogTailLines = 12;

/// fork + exec with stdout/stderr into `log_fd`; see spawn_child.
pid_t spawn(std::string_view name,
            const std::string& path,
            const std::vector<std::string>& args,
            int log_fd)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const std::string& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0)
        throw ChildProcessError(std::string("pipe2: ") + std::strerror(errno));
    const pid_t parent = ::getpid();
    /// The child gets our environment less the funder's key: anvil (or any child) has no
    /// business holding it, and a crash dump or /proc/<pid>/environ of it would expose it.
    std::vector<char*> envp;
    for (char** entry = environ; *entry != nullptr; ++entry)
        if (std::strncmp(*entry, "ZKLOAD_RICH_KEY=", 16) != 0)
            envp.push_back(*entry);
    envp.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0)
    {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        struct sigaction default_action = {};
        default_action.sa_handler = SIG_DFL;
        for (const int signal : {SIGTERM, SIGINT, SIGPIPE})
            ::sigaction(signal, &default_action, nullptr);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        ::dup2(null_fd, STDIN_FILENO);
        ::dup2(log_fd, STDOUT_FILENO);
        ::dup2(log_fd, STDERR_FILENO);
        if (report[1] > STDERR_FILENO + 1)
            ::close_range(STDERR_FILENO + 1, static_cast<unsigned>(report[1]) - 1, 0);
        ::close_range(static_cast<unsigned>(report[1]) + 1, UINT_MAX, 0);
        ::execve(path.c_str(), argv.data(), envp.data());
        const int error = errno;
        [[maybe_unused]] const ssize_t n = ::write(report[1], &error, sizeof(error));
        ::_exit(127);
    }
    const int fork_error = errno;
    ::close(report[1]);
    if (pid < 0)
    {
        ::close(report[0]);
        throw ChildProcessError(std::string("fork: ") + std::strerror(fork_error));
    }
    int exec_error = 0;
    ssize_t n = 0;
    do
        n = ::read(report[0], &exec_error, sizeof(exec_error));
    while (n < 0 && errno == EINTR);
    ::close(report[0]);
    if (n == static_cast<ssize_t>(sizeof(exec_error)))
    {
        kill_and_reap(pid);
        throw ExecError("cannot execute " + std::string(name) + " at " + path + ": " +
                        std::strerror(exec_error));
    }
    return pid;
}

}  // namespace

uint16_t pick_free_loopback_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw ChildProcessError(std::string("socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok)
        throw ChildProcessError(std::string("no free loopback port: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

pid_t spawn_child(std::string_view name,
                  const std::string& path,
                  const std::vector<std::string>& args,
                  const std::filesystem::path& log_path)
{
    const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log_fd < 0)
        throw ChildProcessError("cannot create " + std::string(name) + " log " + log_path.string() +
                                ": " + std::strerror(errno));
    pid_t pid = -1;
    try
    {
        pid = spawn(name, path, args, log_fd);
    }
    catch (...)
    {
        ::close(log_fd);
        throw;
    }
    ::close(log_fd);
    return pid;
}

std::optional<int> reap_if_exited(pid_t pid)
{
    int status = 0;
    pid_t r = 0;
    do
        r = ::waitpid(pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == pid)
        return status;
    if (r < 0)
        return 0;
    return std::nullopt;
}

void kill_and_reap(pid_t pid)
{
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
}

void stop_child(pid_t pid, std::chrono::milliseconds grace) noexcept
{
    ::kill(pid, SIGTERM);
    const auto deadline = Clock::now() + grace;
    bool reaped = false;
    while (!reaped && Clock::now() < deadline)
    {
        reaped = reap_if_exited(pid).has_value();
        if (!reaped)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!reaped)
        kill_and_reap(pid);
}

std::string describe_wait_status(int status)
{
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    return "stopped with wait status " + std::to_string(status);
}

std::string log_tail(const std::filesystem::path& path)
{
    constexpr std::streamoff kTailBytes = 8192;
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : 0;
    in.seekg(std::max<std::streamoff>(0, size - kTailBytes));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(rpc::excerpt(line));
    std::string out;
    const size_t first = lines.size() > kLogTailLines ? lines.size() - kLogTailLines : 0;
    for (size_t i = first; i < lines.size(); ++i)
        out += "\n  | " + lines[i];
    return out.empty() ? std::string("\n  | (empty)") : out;
}

}  // namespace zkload
