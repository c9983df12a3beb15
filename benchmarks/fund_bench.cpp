// SPDX-License-Identifier: Apache-2.0
// fund/<strategy>/wallets:<n>: wall time to fund and verify a pool on a fresh embedded devnet
// (a new anvil per row, so every row starts from nothing); fund/reverify/wallets:<n>: the
// time a second run takes to find the pool already funded.
#include "ranks.hpp"
#include "node.hpp"
#include "skip.hpp"
#include "pool/funder_key.hpp"
#include "pool/wallet_pool.hpp"
#include "registry.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

namespace zkload::bench {
namespace {

const PrivateKey kDevFunder = parse_fixed_hex<32>(pool::kDevnetFunderKeyHex);

pool::PoolOptions row_options(pool::Strategy strategy, uint64_t wallets, const std::filesystem::path& dir)
{
    return {.seed_name = "zkload-bench-fund",
            .size = wallets,
            .need = {.eth = U256(100'000'000'000'000'000ull),
                     .token = U256(1000) * U256(1'000'000'000'000'000'000ull)},
            .strategy = strategy,
            .state_dir = dir};
}

/// One iteration: a fresh devnet (untimed), then prepare() timed by hand.
void fund_row(benchmark::State& state, pool::Strategy strategy, uint64_t wallets, bool reverify)
{
    if (several_ranks())
    {
        skip_row(state, "fund rows need a single process (a fresh devnet per row): run them without mpirun");
        return;
    }
    if (!Node::shared().is_devnet())
    {
        skip_row(state, "fund rows need the embedded devnet (a fresh chain per row); drop --rpc-url");
        return;
    }
    const auto dir = std::filesystem::temp_directory_path() /
                     ("zkload-bench-fund-state-" + std::to_string(getpid()));
    pool::PoolReport report;
    for (auto _ : state)
    {
        std::filesystem::remove_all(dir);
        try
        {
            Devnet devnet = Devnet::start(Node::shared().options().devnet);
            rpc::Client client({.url = devnet.url(), .timeout = std::chrono::seconds(60)});
            if (reverify)
                pool::WalletPool::prepare(client, kDevFunder, row_options(strategy, wallets, dir));
            const auto start = std::chrono::steady_clock::now();
            pool::WalletPool::prepare(client, kDevFunder, row_options(strategy, wallets, dir), &report);
            state.SetIterationTime(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        catch (const std::exception& e)
        {
            state.SkipWithError(e.what());
            break;
        }
    }
    std::filesystem::remove_all(dir);
    state.counters["wallets"] = static_cast<double>(wallets);
    state.counters["transactions"] = static_cast<double>(report.transactions);
    state.counters["wallets_per_s"] = benchmark::Counter(
        static_cast<double>(wallets) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.SetLabel(std::string(pool::to_string(report.strategy)));
}

}  // namespace

void register_fund(Registered&)
{
    using pool::Strategy;
    for (const Strategy strategy : {Strategy::dev_rpc, Strategy::multisend, Strategy::tree})
        for (const uint64_t wallets : {1000, 10000})
        {
            const std::string name = "fund/" + std::string(pool::to_string(strategy)) +
                                     "/wallets:" + std::to_string(wallets);
            benchmark::RegisterBenchmark(name.c_str(), fund_row, strategy, wallets, false)
                ->UseManualTime()
                ->Iterations(1)
                ->Unit(benchmark::kMillisecond);
        }
    benchmark::RegisterBenchmark("fund/reverify/wallets:10000", fund_row, Strategy::automatic,
                                 uint64_t{10000}, true)
        ->UseManualTime()
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
}

}  // namespace zkload::bench
