// SPDX-License-Identifier: Apache-2.0
#include "engine/pinning.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <regex>

#include <hwloc.h>

namespace zkload::engine {
namespace {

/// One topology for the process, loaded on first use; hwloc's read-only calls are thread-safe.
hwloc_topology_t topology()
{
    static hwloc_topology_t topo = [] {
        hwloc_topology_t t = nullptr;
        if (hwloc_topology_init(&t) != 0 || hwloc_topology_load(t) != 0)
            throw std::runtime_error("hwloc could not read this machine's topology");
        return t;
    }();
    return topo;
}

using Bitmap = std::unique_ptr<hwloc_bitmap_s, decltype(&hwloc_bitmap_free)>;

Bitmap make_bitmap() { return Bitmap(hwloc_bitmap_alloc(), &hwloc_bitmap_free); }

std::string to_list(hwloc_const_bitmap_t set)
{
    char* text = nullptr;
    if (hwloc_bitmap_list_asprintf(&text, set) < 0 || text == nullptr)
        return "?";
    std::string out(text);
    free(text);
    return out;
}

Bitmap to_bitmap(const std::vector<unsigned>& cpus)
{
    Bitmap set = make_bitmap();
    for (const unsigned cpu : cpus)
        hwloc_bitmap_set(set.get(), cpu);
    return set;
}

std::runtime_error bind_error(const std::string& what)
{
    return std::runtime_error(what + ": " + std::strerror(errno));
}

}  // namespace

std::string allowed_cpus() { return to_list(hwloc_topology_get_allowed_cpuset(topology())); }

std::vector<unsigned> parse_cpu_list(std::string_view text)
{
    const std::string list(text);
    // Checked here, not by hwloc: its syntax also takes open ranges ("2-" = 2 to infinity).
    static const std::regex kListSyntax(R"(\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*)");
    Bitmap set = make_bitmap();
    if (!std::regex_match(list, kListSyntax) || hwloc_bitmap_list_sscanf(set.get(), list.c_str()) != 0 ||
        hwloc_bitmap_iszero(set.get()) || hwloc_bitmap_weight(set.get()) < 0)
        throw CpuListError("--cpus '" + list + "' is not a cpu list: write numbers and ranges like 2-5,8 (allowed here: " +
                           allowed_cpus() + ")");
    hwloc_const_bitmap_t allowed = hwloc_topology_get_allowed_cpuset(topology());
    if (!hwloc_bitmap_isincluded(set.get(), allowed))
    {
        Bitmap outside = make_bitmap();
        hwloc_bitmap_andnot(outside.get(), set.get(), allowed);
        throw CpuListError("--cpus '" + list + "' names cpus this process may not use (" + to_list(outside.get()) +
                           "); allowed here: " + allowed_cpus());
    }
    std::vector<unsigned> cpus;
    for (int cpu = hwloc_bitmap_first(set.get()); cpu != -1; cpu = hwloc_bitmap_next(set.get(), cpu))
        cpus.push_back(static_cast<unsigned>(cpu));
    return cpus;
}

void bind_this_thread(unsigned cpu)
{
    Bitmap set = to_bitmap({cpu});
    if (hwloc_set_cpubind(topology(), set.get(), HWLOC_CPUBIND_THREAD | HWLOC_CPUBIND_STRICT) != 0)
        throw bind_error("cannot bind a load thread to cpu " + std::to_string(cpu));
}

void bind_process(pid_t pid, const std::vector<unsigned>& cpus)
{
    Bitmap set = to_bitmap(cpus);
    if (hwloc_set_proc_cpubind(topology(), pid, set.get(), HWLOC_CPUBIND_PROCESS) != 0)
        throw bind_error("cannot bind the node process " + std::to_string(pid) + " to cpus " + format_cpu_list(cpus));
}

std::string this_thread_binding()
{
    Bitmap set = make_bitmap();
    if (hwloc_get_cpubind(topology(), set.get(), HWLOC_CPUBIND_THREAD) != 0)
        return "unknown";
    return to_list(set.get());
}

std::string process_binding(pid_t pid)
{
    Bitmap set = make_bitmap();
    if (hwloc_get_proc_cpubind(topology(), pid, set.get(), HWLOC_CPUBIND_PROCESS) != 0)
        return "unknown";
    return to_list(set.get());
}

std::string format_cpu_list(const std::vector<unsigned>& cpus) { return to_list(to_bitmap(cpus).get()); }

}  // namespace zkload::engine
