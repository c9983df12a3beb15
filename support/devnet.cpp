// SPDX-License-Identifier: Apache-2.0
#include "devnet.hpp"

#include "rpc/client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace zkload {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStopGrace = std::chrono::seconds(5);
constexpr auto kPollStep = std::chrono::milliseconds(20);
constexpr size_t kLogTailLines = 12;
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

uint16_t pick_free_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw DevnetError(std::string("socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok)
        throw DevnetError(std::string("no free loopback port: ") + std::strerror(error));
    return ntohs(address.sin_port);
}

/// The last lines of a log, each capped; read from its end, since a log can be long.
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

std::string describe_status(int status)
{
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    return "stopped with wait status " + std::to_string(status);
}

/// waitpid without blocking, retried on EINTR; the wait status once the child has exited.
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

/// fork + exec with stdout/stderr into `log_fd`. Only async-signal-safe calls after fork. An exec
/// failure comes back through a close-on-exec pipe, so it is reported as such, not as an exit.
pid_t spawn(const std::string& path, const std::vector<std::string>& args, int log_fd)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const std::string& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0)
        throw DevnetError(std::string("pipe2: ") + std::strerror(errno));
    const pid_t parent = ::getpid();
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
        ::execv(path.c_str(), argv.data());
        const int error = errno;
        [[maybe_unused]] const ssize_t n = ::write(report[1], &error, sizeof(error));
        ::_exit(127);
    }
    const int fork_error = errno;
    ::close(report[1]);
    if (pid < 0)
    {
        ::close(report[0]);
        throw DevnetError(std::string("fork: ") + std::strerror(fork_error));
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
        throw DevnetError("cannot execute anvil at " + path + ": " + std::strerror(exec_error) +
                          "; " + std::string(kBootstrapHint));
    }
    return pid;
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
    return {"--block-time", "1",      "--gas-limit",    "1000000000",
            "--hardfork",   "cancun", "--prune-history"};
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
        const int log_fd =
            ::open(devnet.log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (log_fd < 0)
            throw DevnetError("cannot create anvil log " + devnet.log_path_.string() + ": " +
                              std::strerror(errno));
        try
        {
            devnet.pid_ = spawn(path, devnet.args_, log_fd);
        }
        catch (...)
        {
            ::close(log_fd);
            throw;
        }
        ::close(log_fd);
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
            fail(describe_status(*status) + " during start-up");
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
    const pid_t pid = std::exchange(pid_, -1);
    ::kill(pid, SIGTERM);
    const auto deadline = Clock::now() + kStopGrace;
    bool reaped = false;
    while (!reaped && Clock::now() < deadline)
    {
        reaped = reap_if_exited(pid).has_value();
        if (!reaped)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!reaped)
        kill_and_reap(pid);
    if (!keep_log_)
    {
        std::error_code ignored;
        std::filesystem::remove(log_path_, ignored);
    }
}

}  // namespace zkload
