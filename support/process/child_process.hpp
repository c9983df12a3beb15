// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zkload {

/// A child could not be started, or no port picked; the message names the call and the cause.
class ChildProcessError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The child was forked but could not exec its program: reported as such, not as an exit.
class ExecError : public ChildProcessError
{
public:
    using ChildProcessError::ChildProcessError;
};

/// A loopback TCP port that was free a moment ago; another process may take it before the
/// child binds it, so callers retry on "Address already in use".
uint16_t pick_free_loopback_port();

/// fork + exec of `path` with `args` (argv[0] is `path`), stdin from /dev/null, stdout and
/// stderr into `log_path` (created or truncated). Only async-signal-safe calls after fork. An
/// exec failure comes back through a close-on-exec pipe, so it is reported as such (ExecError),
/// not as an exit. `name` says in messages which program it is.
///
/// The child gets PR_SET_PDEATHSIG(SIGKILL), and exits at once if its parent already died. Linux
/// ties that signal to the *thread* that forked: spawn from a long-lived thread such as main.
pid_t spawn_child(std::string_view name,
                  const std::string& path,
                  const std::vector<std::string>& args,
                  const std::filesystem::path& log_path);

/// waitpid without blocking, retried on EINTR; the wait status once the child has exited.
std::optional<int> reap_if_exited(pid_t pid);

/// SIGKILL, then a blocking waitpid.
void kill_and_reap(pid_t pid);

/// SIGTERM, a wait of at most `grace`, then SIGKILL; always reaps. Only give it our own child.
void stop_child(pid_t pid, std::chrono::milliseconds grace) noexcept;

/// "exited with status N", "was killed by signal N (name)", ...: a wait status in words.
std::string describe_wait_status(int status);

/// The last lines of a log, each capped; read from its end, since a log can be long.
std::string log_tail(const std::filesystem::path& path);

}  // namespace zkload
