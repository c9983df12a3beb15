// SPDX-License-Identifier: Apache-2.0
// The operation rows, for every operation plug-in (fixtures/operations/): <family>/closed/
// concurrency:<n> and <family>/open/rate:<r>; where the operation has them ceiling/<family> (the
// node's own ingestion ceiling), capacity/<family> (the highest offered rate it keeps up with,
// searched for) and soak/<family>/rate:<r> (an open loop for a long while in fixed memory).
#include "load.hpp"
#include "operation_kind.hpp"
#include "registry.hpp"

#include <benchmark/benchmark.h>

#include <functional>

namespace zkload::bench {
namespace {

using Mode = engine::DriverConfig::Mode;

/// Registers one row that runs once on manual time (wall time per included operation).
template <typename Run, typename... Args>
void add_manual_row(Registered& out, const std::string& name, Run run, Args... args)
{
    benchmark::RegisterBenchmark(name.c_str(), run, name, args...)
        ->UseManualTime()
        ->Iterations(1)
        ->Unit(benchmark::kMicrosecond);
    out.node_rows.push_back(name);
}

void add_family(Registered& out, const OperationKind& kind)
{
    for (const uint64_t c : kind.concurrency)
        add_manual_row(out, kind.family + "/closed/concurrency:" + std::to_string(c), run_load_row, std::cref(kind), Mode::closed,
                       c);
    for (const uint64_t r : kind.rates)
        add_manual_row(out, kind.family + "/open/rate:" + std::to_string(r), run_load_row, std::cref(kind), Mode::open, r);
}

}  // namespace

bool names_soak_rows(const std::string& filter)
{
    return !filter.empty() && filter.front() != '-' && filter.find("soak") != std::string::npos;
}

void register_load(Registered& out)
{
    std::vector<const OperationKind*> kinds = operation_kinds();
    std::erase_if(kinds, [](const OperationKind* kind) {
        return kind->registered_when && !kind->registered_when(Load::shared().settings());
    });
    // The ceilings first: a load row of the same operation later in the run reports its share.
    for (const OperationKind* kind : kinds)
        if (kind->ceiling)
            add_manual_row(out, "ceiling/" + kind->family, run_ceiling_row, std::cref(*kind));
    // Then the capacity searches: they start from half the ceiling when it ran.
    for (const OperationKind* kind : kinds)
        if (kind->capacity)
            add_manual_row(out, "capacity/" + kind->family, run_capacity_row, std::cref(*kind));
    for (const OperationKind* kind : kinds)
        add_family(out, *kind);
    // Soaks take --duration (default 20 minutes): they exist only when the filter names them, so
    // that a run of every row does not start one.
    if (names_soak_rows(benchmark::GetBenchmarkFilter()))
        for (const OperationKind* kind : kinds)
            for (const uint64_t r : kind->soak_rates)
                add_manual_row(out, "soak/" + kind->family + "/rate:" + std::to_string(r), run_soak_row, std::cref(*kind), r);
}

}  // namespace zkload::bench
