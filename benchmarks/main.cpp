// SPDX-License-Identifier: Apache-2.0
// zkload: Google Benchmark rows that load an EVM / zkSync Era JSON-RPC node.
// Order as in evmone: Initialize (consumes --benchmark_*), parse our flags, register, run.
#include "benchmark_args.hpp"
#include "cli.hpp"
#include "finite_counters.hpp"
#include "process/heap.hpp"
#include "pool/funder_key.hpp"
#include "pool_commands.hpp"
#include "progress_line.hpp"
#include "ranks.hpp"
#include "registry.hpp"
#include "row_errors.hpp"
#include "say.hpp"
#include "safety/chain_guard.hpp"
#include "zkload_git_sha.hpp"

#include <CLI/CLI.hpp>
#include <benchmark/benchmark.h>

#include <cstdio>
#include <iostream>
#include <regex>
#include <sstream>

namespace {

using namespace zkload;
using namespace zkload::bench;

CLI::App* g_app = nullptr;

void print_help()
{
    if (g_app != nullptr)
        std::cout << g_app->help() << "\n";
    std::cout << "Google Benchmark flags:\n";
    benchmark::PrintDefaultHelp();
}

/// "rank 1 (hostB): " in an MPI run, so that a rank's own error says whose it is; else nothing.
std::string whose()
{
    return several_ranks() ? "rank " + std::to_string(ranks().rank()) + " (" + ranks().host() + "): " : "";
}

/// Starts the node (from the main thread: the devnet dies with the thread that started it),
/// records it in the JSON context, and refuses a public mainnet unless the user allowed it,
/// before anything is sent.
int start_node_here(const Flags& flags)
{
    try
    {
        Node::shared().url();
        Node::shared().add_context();
        rpc::Client client(
            {.url = Node::shared().url(), .timeout = Node::shared().options().rpc_timeout});
        safety::check_node_allowed(client, flags.allow_public_chain);
        return kOk;
    }
    catch (const safety::PublicChainRefused& e)
    {
        say(whose() + e.what());
        return kRefusedChain;
    }
    catch (const std::exception& e)
    {
        say(whose() + "the node is not usable: " + e.what());
        return kNodeUnavailable;
    }
}

/// start_node_here on every rank: in an MPI run, if one rank cannot use the node none goes on
/// (the others would wait for it), each exiting non-zero.
int start_node(const Flags& flags)
{
    const int rc = start_node_here(flags);
    if (!several_ranks() || ranks().all(rc == kOk))
        return rc;
    if (rc == kOk)
    {
        say(whose() + "not run: another rank could not use the node (its error is above)");
        return kNodeUnavailable;
    }
    return rc;
}

/// What an MPI run cannot do (each rank would do it on its own): usage errors before anything.
void check_ranks_can_run(const Flags& flags)
{
    if (!several_ranks())
        return;
    if (flags.fund || flags.sweep)
        throw CLI::ValidationError(flags.fund ? "--fund" : "--sweep",
                                   "funds or sweeps from one process: run it without mpirun (an MPI run's rank 0 "
                                   "prepares the pool itself)");
    if (flags.node.rpc_url.empty())
        throw CLI::ValidationError("--rpc-url", "an MPI run loads one node from every rank: give its URL (each rank "
                                                "would start an embedded devnet of its own)");
    if (flags.random_interleaving)
        throw CLI::ValidationError("--benchmark_enable_random_interleaving",
                                   "shuffles the rows differently on every rank (Google Benchmark seeds it at "
                                   "random), and the ranks must run each row together: leave it out of an MPI run");
}

int run(const Flags& flags)
{
    check_ranks_can_run(flags);
    NodeOptions node = node_options(flags);
    if (!node.node_cpus.empty() && !node.rpc_url.empty())
        throw CLI::ValidationError("--node-cpus", "pins the embedded devnet only; pin your own node with taskset "
                                                  "or hwloc-bind when you start it");
    Node::shared().configure(std::move(node));
    // In an MPI run rank 0 alone speaks for the run.
    set_progress_mode(flags.progress == "never" || ranks().rank() != 0 ? ProgressMode::never
                      : flags.progress == "always"                    ? ProgressMode::always
                                                                      : ProgressMode::automatic);
    SharedPool::shared().configure(pool_settings(flags));
    Load::shared().configure(flags.load);
    if (flags.fund || flags.sweep)
    {
        if (const int rc = start_node(flags); rc != kOk)
            return rc;
        return flags.fund ? run_fund() : run_sweep();
    }

    Registered registered;
    register_micro_keccak(registered);
    register_micro_sign(registered);
    register_micro_rlp(registered);
    register_micro_rpc(registered);
    register_micro_reply(registered);
    register_fund(registered);
    register_bridge(registered);
    register_load(registered);

    benchmark::AddCustomContext("zkload_version", ZKLOAD_VERSION);
    benchmark::AddCustomContext("zkload_git_sha", ZKLOAD_GIT_SHA);
    if (filter_selects_any(benchmark::GetBenchmarkFilter(), registered.node_rows))
        if (const int rc = start_node(flags); rc != kOk)
            return rc;
    add_load_context(Load::shared().settings());
    if (several_ranks())
    {
        const std::string described = describe_ranks();  // every rank takes part
        benchmark::AddCustomContext("mpi_ranks", std::to_string(ranks().size()));
        benchmark::AddCustomContext("mpi_rank_hosts", described);
        benchmark::AddCustomContext("mpi_wallet_shards",
                                    describe_wallet_shards(SharedPool::shared().settings().options.size));
    }
    install_interrupt_handler();
    RowErrorWatch rows(ranks().rank() != 0);
    FiniteJsonReporter json_file;
    benchmark::RunSpecifiedBenchmarks(&rows, flags.json_file_output ? &json_file : nullptr);
    if (Load::shared().stop_flag().load())
    {
        say("interrupted; the rows that finished are in the output");
        return kInterrupted;
    }
    if (rows.failed() != 0)
    {
        // The JSON output has every row, the failed ones with error_occurred and their message.
        if (ranks().rank() == 0)  // the others' rows failed with rank 0's: it names them all
            say(std::to_string(rows.failed()) + " row(s) failed; first: " + rows.first_failure());
        return kFailure;
    }
    return kOk;
}

}  // namespace

bool zkload::bench::filter_selects_any(const std::string& filter,
                                       const std::vector<std::string>& names)
{
    if (filter.empty() || filter == "all" || filter == ".")
        return !names.empty();
    const bool negate = filter.front() == '-';
    const std::regex re(negate ? filter.substr(1) : filter);
    for (const auto& name : names)
        for (const std::string& instance : {name, name + "/real_time", name + "/manual_time"})
            if (std::regex_search(instance, re) != negate)
                return true;
    return false;
}

int main(int argc, char** argv)
{
    // One line per finished row reaches a pipe or a log at once, not when a buffer fills.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    heap::return_freed_memory_promptly();  // a soak's memory follows what is in flight now
    CLI::App app{"zkload: load and stress benchmarks for zkSync Era and EVM JSON-RPC nodes", "zkload"};
    Flags flags;
    add_flags(app, flags);
    g_app = &app;
    int rc = kOk;
    try
    {
        // MPI first (it may rewrite argv); the ranks but 0 write no results file.
        if (ranks().rank() != 0)
            drop_results_file_flags(argc, argv);
        flags.json_file_output = json_file_output(argc, argv);
        flags.random_interleaving = random_interleaving_asked(argc, argv);
        benchmark::Initialize(&argc, argv, print_help);
        app.parse(argc, argv);
        flags.bridge.allow_public_l1 = flags.allow_public_chain;
        if (flags.version)
        {
            std::cout << "zkload " ZKLOAD_VERSION " (" ZKLOAD_GIT_SHA ")\n";
            return kOk;
        }
        rc = run(flags);
    }
    catch (const CLI::ParseError& e)
    {
        std::ostringstream usage_error;  // one write, as say() does: each rank of an MPI run says it
        const int code = app.exit(e, std::cout, usage_error);
        write_stderr(usage_error.str());
        return code == 0 ? kOk : kUsageError;
    }
    // In an MPI run an error here may be this rank's alone while the others wait for it in a
    // collective operation: it ends the whole job (end_job) instead of leaving them waiting.
    catch (const pool::FunderKeyError& e)
    {
        say(e.what());
        cluster::end_job(kPoolError);
        rc = kPoolError;
    }
    catch (const pool::PoolError& e)
    {
        say(e.what());
        cluster::end_job(kPoolError);
        rc = kPoolError;
    }
    catch (const pool::StateFileError& e)
    {
        say(e.what());
        cluster::end_job(kPoolError);
        rc = kPoolError;
    }
    catch (const std::exception& e)
    {
        say(e.what());
        cluster::end_job(kFailure);
        rc = kFailure;
    }
    benchmark::Shutdown();
    Node::shared().stop();
    cluster::finish_cluster();
    return rc;
}
