// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <stdexcept>

namespace zkload::metrics {

/// A process could not be read (gone, not ours to read, or /proc missing); the message names the
/// pid and the file.
class HostMetricsError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// One reading of a process's resource use: CPU time spent so far (user + system, all threads)
/// and the resident set size now.
struct ProcessUsage
{
    double cpu_seconds = 0;
    uint64_t rss_bytes = 0;
};

/// Reads /proc/<pid>/stat (utime + stime, in clock ticks: 10 ms resolution on most kernels) and
/// /proc/<pid>/statm (resident pages). Throws HostMetricsError naming the pid when it is gone.
ProcessUsage read_process_usage(pid_t pid);

/// The same for this process, with CPU time from CLOCK_PROCESS_CPUTIME_ID (nanosecond
/// resolution, so short rows are not rounded to ticks).
ProcessUsage read_own_usage();

}  // namespace zkload::metrics
