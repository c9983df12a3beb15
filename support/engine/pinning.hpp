// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace zkload::engine {

/// A cpu list the user gave (`--cpus 2-5,8`) that cannot be used: malformed, empty, or naming
/// cpus this process may not run on. The message says which and lists the allowed ones.
class CpuListError : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

/// Operating-system cpu numbers (hwloc's PU os indexes) parsed from hwloc's list syntax
/// ("2-5,8"), in increasing order, each checked against the cpus this process is allowed.
std::vector<unsigned> parse_cpu_list(std::string_view text);

/// The cpus this process may run on (its allowed cpuset), as a list like "0-3".
std::string allowed_cpus();

/// Binds the calling thread to one cpu; throws std::runtime_error naming the cpu and errno.
void bind_this_thread(unsigned cpu);

/// Binds every thread of process `pid` to `cpus` (the spawned devnet, with --node-cpus).
void bind_process(pid_t pid, const std::vector<unsigned>& cpus);

/// The binding the calling thread has now, as a cpu list ("3"; every allowed cpu when unbound).
std::string this_thread_binding();

/// The binding of process `pid`, as a cpu list.
std::string process_binding(pid_t pid);

/// "2-5,8" style text for a list of cpus.
std::string format_cpu_list(const std::vector<unsigned>& cpus);

}  // namespace zkload::engine
