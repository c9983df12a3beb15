// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace zkload::metrics {

/// The whole machine's CPU time so far, all cores, in clock ticks (the first line of /proc/stat):
/// busy is everything but idle and iowait.
struct MachineCpu
{
    uint64_t busy = 0;
    uint64_t total = 0;
};

/// The `cpu` line of /proc/stat's text; nullopt when the text has none or it is malformed.
std::optional<MachineCpu> parse_machine_cpu(const std::string& proc_stat);

/// /proc/stat now; nullopt when it cannot be read (no /proc).
std::optional<MachineCpu> read_machine_cpu();

/// How busy the machine's cores were between two readings, 0–100 (100: every core busy all the
/// time); nullopt when no time passed.
std::optional<double> busy_pct(const MachineCpu& before, const MachineCpu& after);

}  // namespace zkload::metrics
