// SPDX-License-Identifier: Apache-2.0
// zkload: Google Benchmark rows that load an EVM / zkSync Era JSON-RPC node.
// Order as in evmone: Initialize (consumes --benchmark_*), parse our flags, register, run.
#include "node.hpp"
#include "registry.hpp"
#include "zkload_git_sha.hpp"

#include <CLI/CLI.hpp>
#include <benchmark/benchmark.h>

#include <iostream>
#include <iterator>
#include <sstream>
#include <regex>

namespace {

using namespace zkload;

/// Distinct exit codes so scripts can tell a usage mistake from an unreachable node.
enum ExitCode : int
{
    kOk = 0,
    kFailure = 1,
    kUsageError = 2,
    kNodeUnavailable = 3,
};

struct Flags
{
    std::string rpc_url;
    std::string anvil;
    std::string devnet_args;
    int64_t rpc_timeout_ms = 10000;
    bool version = false;
};

CLI::App* g_app = nullptr;

std::string join(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

std::vector<std::string> split_words(const std::string& text)
{
    std::istringstream in(text);
    return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

void print_help()
{
    if (g_app != nullptr)
        std::cout << g_app->help() << "\n";
    std::cout << "Google Benchmark flags:\n";
    benchmark::PrintDefaultHelp();
}

void add_flags(CLI::App& app, Flags& flags)
{
    app.add_option("--rpc-url", flags.rpc_url,
                   "JSON-RPC URL of the node to load (default: start the embedded anvil devnet "
                   "on a free loopback port)");
    app.add_option("--anvil", flags.anvil,
                   "anvil binary for the embedded devnet (default: $ZKLOAD_ANVIL, then the one "
                   "tools/bootstrap pinned, then anvil on PATH)");
    app.add_option("--devnet-args", flags.devnet_args,
                   "anvil flags for the embedded devnet, one quoted string that replaces the "
                   "defaults (\"" + join(DevnetOptions::load_defaults()) + "\")");
    app.add_option("--rpc-timeout-ms", flags.rpc_timeout_ms, "timeout of one JSON-RPC request")
        ->check(CLI::Range(1, 3600000));
    app.add_flag("--version", flags.version, "print zkload's version and git sha, then exit");
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
    try
    {
        CLI::App app{"zkload: load and stress benchmarks for zkSync Era and EVM JSON-RPC nodes",
                     "zkload"};
        Flags flags;
        add_flags(app, flags);
        g_app = &app;
        benchmark::Initialize(&argc, argv, print_help);
        try
        {
            app.parse(argc, argv);
        }
        catch (const CLI::ParseError& e)
        {
            const int rc = app.exit(e);
            return rc == 0 ? kOk : kUsageError;
        }
        if (flags.version)
        {
            std::cout << "zkload " ZKLOAD_VERSION " (" ZKLOAD_GIT_SHA ")\n";
            return kOk;
        }

        NodeOptions node{.rpc_url = flags.rpc_url,
                         .devnet = {.anvil_path = flags.anvil,
                                    .args = flags.devnet_args.empty()
                                                ? DevnetOptions::load_defaults()
                                                : split_words(flags.devnet_args)},
                         .rpc_timeout = std::chrono::milliseconds(flags.rpc_timeout_ms)};
        Node::shared().configure(node);

        bench::Registered registered;
        bench::register_micro_keccak(registered);
        bench::register_micro_sign(registered);
        bench::register_micro_rlp(registered);
        bench::register_micro_rpc(registered);

        benchmark::AddCustomContext("zkload_version", ZKLOAD_VERSION);
        benchmark::AddCustomContext("zkload_git_sha", ZKLOAD_GIT_SHA);
        if (bench::filter_selects_any(benchmark::GetBenchmarkFilter(), registered.node_rows))
        {
            try
            {
                Node::shared().url();
                Node::shared().add_context();
            }
            catch (const std::exception& e)
            {
                std::cerr << "zkload: the node is not usable: " << e.what() << "\n";
                return kNodeUnavailable;
            }
        }

        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
        Node::shared().stop();
        return kOk;
    }
    catch (const std::exception& e)
    {
        std::cerr << "zkload: " << e.what() << "\n";
        return kFailure;
    }
}
