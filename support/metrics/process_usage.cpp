// SPDX-License-Identifier: Apache-2.0
#include "metrics/process_usage.hpp"

#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

namespace zkload::metrics {
namespace {

std::string read_proc_file(pid_t pid, const char* leaf)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/" + leaf;
    std::ifstream in(path);
    std::ostringstream text;
    if (in)
        text << in.rdbuf();
    if (!in || text.str().empty())
        throw HostMetricsError("cannot read " + path + " (has process " + std::to_string(pid) +
                               " exited, or does it belong to another user?)");
    return text.str();
}

/// utime + stime from a stat line. The command name (field 2) is in parentheses and may itself
/// hold spaces or ')', so fields are counted from the last ')'.
double cpu_seconds_from_stat(const std::string& stat, pid_t pid)
{
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        throw HostMetricsError("unexpected /proc/" + std::to_string(pid) + "/stat format");
    std::istringstream fields(stat.substr(close + 1));
    // Field 3 (state) follows the name; utime and stime are fields 14 and 15.
    std::string skipped;
    for (int field = 3; field <= 13; ++field)
        fields >> skipped;
    unsigned long long utime = 0, stime = 0;
    if (!(fields >> utime >> stime))
        throw HostMetricsError("unexpected /proc/" + std::to_string(pid) + "/stat format");
    static const long ticks_per_second = sysconf(_SC_CLK_TCK);
    return static_cast<double>(utime + stime) / static_cast<double>(ticks_per_second);
}

uint64_t rss_bytes_from_statm(const std::string& statm, pid_t pid)
{
    std::istringstream fields(statm);
    unsigned long long size_pages = 0, resident_pages = 0;
    if (!(fields >> size_pages >> resident_pages))
        throw HostMetricsError("unexpected /proc/" + std::to_string(pid) + "/statm format");
    static const long page_size = sysconf(_SC_PAGESIZE);
    return resident_pages * static_cast<uint64_t>(page_size);
}

}  // namespace

ProcessUsage read_process_usage(pid_t pid)
{
    if (pid <= 0)
        throw HostMetricsError("not a process id: " + std::to_string(pid));
    const std::string stat = read_proc_file(pid, "stat");
    const std::string statm = read_proc_file(pid, "statm");
    return {.cpu_seconds = cpu_seconds_from_stat(stat, pid),
            .rss_bytes = rss_bytes_from_statm(statm, pid)};
}

ProcessUsage read_own_usage()
{
    timespec cpu{};
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) != 0)
        throw HostMetricsError("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    const pid_t self = getpid();
    return {
        .cpu_seconds = static_cast<double>(cpu.tv_sec) + static_cast<double>(cpu.tv_nsec) * 1e-9,
        .rss_bytes = rss_bytes_from_statm(read_proc_file(self, "statm"), self)};
}

}  // namespace zkload::metrics
