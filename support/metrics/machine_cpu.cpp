// SPDX-License-Identifier: Apache-2.0
#include "metrics/machine_cpu.hpp"

#include <fstream>
#include <sstream>

namespace zkload::metrics {

std::optional<MachineCpu> parse_machine_cpu(const std::string& proc_stat)
{
    std::istringstream lines(proc_stat);
    std::string line;
    while (std::getline(lines, line))
    {
        std::istringstream fields(line);
        std::string name;
        fields >> name;
        if (name != "cpu")
            continue;
        // user nice system idle iowait irq softirq steal (guest time is inside user already)
        uint64_t value[8] = {};
        int read = 0;
        while (read < 8 && fields >> value[read])
            ++read;
        if (read < 4)
            return std::nullopt;
        MachineCpu cpu;
        for (int i = 0; i < read; ++i)
            cpu.total += value[i];
        cpu.busy = cpu.total - value[3] - (read > 4 ? value[4] : 0);
        return cpu;
    }
    return std::nullopt;
}

std::optional<MachineCpu> read_machine_cpu()
{
    std::ifstream in("/proc/stat");
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return parse_machine_cpu(text.str());
}

std::optional<double> busy_pct(const MachineCpu& before, const MachineCpu& after)
{
    if (after.total <= before.total || after.busy < before.busy)
        return std::nullopt;
    return 100.0 * static_cast<double>(after.busy - before.busy) / static_cast<double>(after.total - before.total);
}

}  // namespace zkload::metrics
