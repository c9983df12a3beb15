// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace zkload::bench {

/// `runs` with the counters of repetition aggregates that are not finite numbers left out.
/// Google Benchmark's statistics give NaN for a counter that is 0 in every repetition (its cv
/// is 0/0), and its JSON reporter writes that as a bare NaN, which is not JSON: strict readers
/// (jq, JavaScript, nlohmann) then refuse the whole file. Runs of single repetitions are kept
/// as they are; a NaN there would be zkload's own bug and should show.
inline std::vector<benchmark::BenchmarkReporter::Run> finite_aggregates(
    std::vector<benchmark::BenchmarkReporter::Run> runs)
{
    for (auto& run : runs)
        if (run.run_type == benchmark::BenchmarkReporter::Run::RT_Aggregate)
            std::erase_if(run.counters, [](const auto& counter) { return !std::isfinite(counter.second.value); });
    return runs;
}

/// Google Benchmark's JSON file reporter, writing finite_aggregates() of the runs.
class FiniteJsonReporter : public benchmark::JSONReporter
{
public:
    void ReportRuns(const std::vector<Run>& runs) override { JSONReporter::ReportRuns(finite_aggregates(runs)); }
};

}  // namespace zkload::bench
