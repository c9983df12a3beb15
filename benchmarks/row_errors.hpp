// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "finite_counters.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace zkload::bench {

/// The display reporter Google Benchmark would pick (--benchmark_format), plus a tally of the
/// rows that ended in an error, so that zkload can exit non-zero when a row failed (the node
/// died, nothing was included, ...). A row whose message says the rows "need" something this
/// run was not given (bridge rows without --l1-rpc-url, fund rows on a remote node) was not
/// applicable rather than failed, and does not count.
class RowErrorWatch : public benchmark::BenchmarkReporter
{
public:
    /// `quiet`: tally only, show nothing (the ranks of an MPI run other than rank 0).
    explicit RowErrorWatch(bool quiet = false) : quiet_(quiet) {}

    /// Rows that failed, and the first one's name and message.
    size_t failed() const noexcept { return failed_; }
    const std::string& first_failure() const noexcept { return first_failure_; }

    bool ReportContext(const Context& context) override { return quiet_ || display_->ReportContext(context); }

    void ReportRuns(const std::vector<Run>& runs) override
    {
        for (const Run& run : runs)
            if (run.error_occurred && run.error_message.find("rows need ") == std::string::npos)
            {
                if (failed_++ == 0)
                    first_failure_ = run.benchmark_name() + ": " + run.error_message;
            }
        if (!quiet_)
            display_->ReportRuns(finite_aggregates(runs));
    }

    void Finalize() override
    {
        if (!quiet_)
            display_->Finalize();
    }

private:
    // Owned by the library (a process-wide reporter it never frees); not deleted here.
    benchmark::BenchmarkReporter* display_ = benchmark::CreateDefaultDisplayReporter();
    bool quiet_ = false;
    size_t failed_ = 0;
    std::string first_failure_;
};

}  // namespace zkload::bench
