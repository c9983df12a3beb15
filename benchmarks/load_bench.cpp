// SPDX-License-Identifier: Apache-2.0
// The operation rows: <operation>/closed/concurrency:<n> and <operation>/open/rate:<r> for
// eth_transfer, erc20_transfer and deploy, rpc/<method>/closed/concurrency:<n> for reads, and
// ceiling/<operation>: the node's own ingestion ceiling for transfers, and capacity/<operation>:
// the highest offered rate it keeps up with, searched for; soak/<operation>/rate:<r>: an open loop
// for a long while in fixed memory.
#include "load.hpp"
#include "registry.hpp"

#include <benchmark/benchmark.h>

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

void add_row(Registered& out, const std::string& name, LoadKind kind, Mode mode, uint64_t level)
{
    add_manual_row(out, name, run_load_row, kind, mode, level);
}

void add_family(Registered& out, const std::string& family, LoadKind kind, std::initializer_list<uint64_t> concurrency,
                std::initializer_list<uint64_t> rates)
{
    for (const uint64_t c : concurrency)
        add_row(out, family + "/closed/concurrency:" + std::to_string(c), kind, Mode::closed, c);
    for (const uint64_t r : rates)
        add_row(out, family + "/open/rate:" + std::to_string(r), kind, Mode::open, r);
}

void add_ceiling(Registered& out, LoadKind kind, const std::string& family)
{
    add_manual_row(out, "ceiling/" + family, run_ceiling_row, kind);
}

void add_capacity(Registered& out, LoadKind kind, const std::string& family)
{
    add_manual_row(out, "capacity/" + family, run_capacity_row, kind);
}

void add_soak(Registered& out, LoadKind kind, const std::string& family, std::initializer_list<uint64_t> rates)
{
    for (const uint64_t r : rates)
        add_manual_row(out, "soak/" + family + "/rate:" + std::to_string(r), run_soak_row, kind, r);
}

}  // namespace

bool names_soak_rows(const std::string& filter)
{
    return !filter.empty() && filter.front() != '-' && filter.find("soak") != std::string::npos;
}

void register_load(Registered& out)
{
    // The ceilings first: a load row of the same operation later in the run reports its share.
    add_ceiling(out, LoadKind::eth_transfer, "eth_transfer");
    add_ceiling(out, LoadKind::erc20_transfer, "erc20_transfer");
    // Then the capacity searches: they start from half the ceiling when it ran.
    add_capacity(out, LoadKind::eth_transfer, "eth_transfer");
    add_capacity(out, LoadKind::erc20_transfer, "erc20_transfer");
    add_family(out, "eth_transfer", LoadKind::eth_transfer, {1, 8, 64, 512, 2000}, {250, 500, 1000, 2000, 4000, 8000});
    add_family(out, "erc20_transfer", LoadKind::erc20_transfer, {1, 8, 64, 512}, {250, 500, 1000, 2000, 4000});
    add_family(out, "deploy", LoadKind::deploy, {1, 8, 64}, {100, 250, 500});
    add_family(out, "rpc/eth_blockNumber", LoadKind::read_block_number, {1, 8, 64, 512}, {1000, 5000, 20000});
    add_family(out, "rpc/eth_getBalance", LoadKind::read_balance, {1, 8, 64, 512}, {1000, 5000, 20000});
    add_family(out, "rpc/eth_call", LoadKind::read_erc20_balance, {1, 8, 64, 512}, {1000, 5000, 20000});
    // Soaks take --duration (default 20 minutes): they exist only when the filter names them, so
    // that a run of every row does not start one. 20,000/s is for the generator's own soak
    // against the null node.
    if (names_soak_rows(benchmark::GetBenchmarkFilter()))
    {
        add_soak(out, LoadKind::eth_transfer, "eth_transfer", {500, 1000, 2000, 4000, 20000});
        add_soak(out, LoadKind::erc20_transfer, "erc20_transfer", {500, 1000, 2000});
    }
}

}  // namespace zkload::bench
