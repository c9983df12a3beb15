// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace zkload::test {

/// What one run of the zkload binary left behind.
struct ZkloadRun
{
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A fresh folder under the system's temp folder, removed with the object.
struct ScratchDir
{
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("zkload-faults-" + std::to_string(std::random_device{}()));
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() { std::filesystem::remove_all(path); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

/// Runs the zkload binary with `args` and ZKLOAD_RICH_KEY set to `rich_key` (unset when
/// nullopt), stdout and stderr to files in `scratch`. Killed after `limit` (exit_code -1).
inline ZkloadRun run_zkload(const std::vector<std::string>& args,
                            const std::optional<std::string>& rich_key,
                            const std::filesystem::path& scratch,
                            std::chrono::seconds limit = std::chrono::seconds(120))
{
    const std::string out_path = (scratch / "zkload.stdout").string();
    const std::string err_path = (scratch / "zkload.stderr").string();
    std::vector<std::string> all = {ZKLOAD_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    const pid_t pid = fork();
    if (pid == 0)
    {
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        if (rich_key)
            setenv("ZKLOAD_RICH_KEY", rich_key->c_str(), 1);
        else
            unsetenv("ZKLOAD_RICH_KEY");
        std::vector<char*> argv;
        for (const auto& a : all)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    ZkloadRun run;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (waitpid(pid, &status, WNOHANG) == 0)
    {
        if (std::chrono::steady_clock::now() > deadline)
        {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            status = -1;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    run.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_file(out_path);
    run.err = read_file(err_path);
    return run;
}

}  // namespace zkload::test
