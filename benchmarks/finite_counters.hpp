// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <benchmark/benchmark.h>

#include <cmath>
#include <string_view>
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

/// Whether --benchmark_out names a file that Google Benchmark would write as JSON (its default
/// format), read from the arguments before the library consumes them.
/// Removes --benchmark_out=… and --benchmark_out_format=… from argv (the ranks of an MPI run
/// other than rank 0, which alone writes the results file).
inline void drop_results_file_flags(int& argc, char** argv)
{
    int kept = 1;
    for (int i = 1; i < argc; ++i)
    {
        const std::string_view arg(argv[i]);
        if (!arg.starts_with("--benchmark_out=") && !arg.starts_with("--benchmark_out_format="))
            argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = nullptr;
}

inline bool json_file_output(int argc, char** argv)
{
    bool out = false;
    bool json = true;
    for (int i = 1; i < argc; ++i)
    {
        const std::string_view arg(argv[i]);
        if (arg.starts_with("--benchmark_out="))
            out = arg.size() > std::string_view("--benchmark_out=").size();
        else if (arg.starts_with("--benchmark_out_format="))
            json = arg == "--benchmark_out_format=json";
    }
    return out && json;
}

}  // namespace zkload::bench
