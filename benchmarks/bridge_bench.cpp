// SPDX-License-Identifier: Apache-2.0
// deposit_eth, deposit_erc20, withdraw_eth, withdraw_erc20 / closed / concurrency:{1,4,16}:
// L1↔L2 bridge flows end to end through the Bridgehub contracts. `concurrency` workers each
// run their share of --bridge-operations one after another (closed loop). Time = wall time per
// completed operation; counters give each stage's latency percentiles (p50, p90, p99, p999 from
// the load rows' engine::Histogram, merged across workers), the mean gas of each step, and
// failures by class. Needs --l1-rpc-url and a zkSync L2 as --rpc-url.
#include "ranks.hpp"
#include "bridge_flags.hpp"
#include "bridge_row.hpp"
#include "engine/histogram.hpp"
#include "node.hpp"
#include "skip.hpp"
#include "registry.hpp"
#include "zksync/deposit.hpp"
#include "zksync/priority_op.hpp"
#include "zksync/withdrawal.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <thread>

namespace zkload::bench {
namespace {

using namespace zksync;
using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// A step's gas over the operations that made it.
struct GasTotal
{
    double sum = 0;
    uint64_t count = 0;
};

/// Stage latencies (µs histograms named by stage and the unit they are reported in: "l1_incl_ms",
/// "proof_s"), gas per step, failures by class; one per worker, merged after.
struct Samples
{
    std::map<std::string, engine::Histogram> stages;
    std::map<std::string, GasTotal> gas;
    std::map<std::string, uint64_t> failed;
    uint64_t completed = 0;
    std::string first_error;

    void stage(const std::string& name, Clock::duration took)
    {
        stages[name].record(static_cast<uint64_t>(
            std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::microseconds>(took).count())));
    }

    void gas_used(const std::string& name, uint64_t gas)
    {
        GasTotal& total = this->gas[name];
        total.sum += static_cast<double>(gas);
        ++total.count;
    }

    void merge(const Samples& other)
    {
        for (const auto& [name, histogram] : other.stages)
            stages[name].merge(histogram);
        for (const auto& [name, total] : other.gas)
        {
            gas[name].sum += total.sum;
            gas[name].count += total.count;
        }
        for (const auto& [name, count] : other.failed)
            failed[name] += count;
        completed += other.completed;
        if (first_error.empty())
            first_error = other.first_error;
    }
};

rpc::Client client_for(const std::string& url)
{
    return rpc::Client({.url = url, .timeout = std::chrono::seconds(60)});
}

void deposit_once(const BridgeRow& row, size_t worker, rpc::Client& l1, rpc::Client& l2, Samples& out)
{
    const pool::Wallet& wallet = row.wallets[worker];
    const DepositResult result = deposit(
        l1, &l2, row.bridge, wallet.key,
        {.receiver = wallet.address, .amount = row.amount, .token = row.l1_token, .l1_patience = row.patience});
    const auto included = Clock::now();
    const nlohmann::json l2_receipt = await_l2_receipt(l2, result.l2_hash, row.patience, "deposit");
    out.stage("l1_incl_ms", result.l1.inclusion);
    out.stage("l2_exec_ms", Clock::now() - included);
    out.gas_used("l1_gas", result.l1.gas_used);
    if (result.approval)
        out.gas_used("approve_gas", result.approval->gas_used);
    out.gas_used("l2_gas", json_quantity(l2_receipt, "gasUsed", "L2 receipt"));
}

void withdraw_once(const BridgeRow& row, size_t worker, rpc::Client& l1, rpc::Client& l2, Samples& out)
{
    const pool::Wallet& wallet = row.wallets[worker];
    const IncludedTxn sent = withdraw(
        l2, row.bridge, wallet.key,
        {.l1_receiver = wallet.address, .amount = row.amount, .l2_token = row.l2_token, .l2_patience = row.patience});
    const auto included = Clock::now();
    out.stage("l2_incl_ms", sent.inclusion);
    out.gas_used("l2_gas", sent.gas_used);
    const ProvenWithdrawal proven =
        prove_withdrawal(l2, sent.hash, json_quantity(sent.receipt, "blockNumber", "L2 receipt"), row.patience);
    const auto proven_at = Clock::now();
    out.stage("proof_s", proven_at - included);
    if (!row.finalize)
        return;
    const IncludedTxn finalized =
        finalize_withdrawal(l1, row.bridge, wallet.key,
                            finalize_params(row.bridge.l2_chain_id, proven.message, proven.proof),
                            std::nullopt, row.patience);
    out.stage("finalize_s", Clock::now() - proven_at);
    out.gas_used("finalize_gas", finalized.gas_used);
}

void worker_loop(const BridgeRow& row, size_t worker, uint64_t operations, Samples& out)
{
    rpc::Client l1 = client_for(row.l1_url);
    rpc::Client l2 = client_for(row.l2_url);
    for (uint64_t i = 0; i < operations; ++i)
    {
        try
        {
            if (is_deposit(row.flow))
                deposit_once(row, worker, l1, l2, out);
            else
                withdraw_once(row, worker, l1, l2, out);
            ++out.completed;
        }
        catch (const BridgeError& e)
        {
            ++out.failed[std::string(to_string(e.failure()))];
            if (out.first_error.empty())
                out.first_error = e.what();
        }
        catch (const std::exception& e)
        {
            ++out.failed["rpc"];
            if (out.first_error.empty())
                out.first_error = e.what();
        }
    }
}

/// Counters from the samples: stage percentiles, mean gas per stage, failures by class.
void report(benchmark::State& state, const Samples& total)
{
    state.counters["completed"] = static_cast<double>(total.completed);
    for (const auto& [name, histogram] : total.stages)
    {
        if (histogram.count() == 0)
            continue;
        const std::string stem = name.substr(0, name.rfind('_'));
        const std::string unit = name.substr(name.rfind('_'));
        const double micros_per_unit = unit == "_ms" ? 1e3 : unit == "_s" ? 1e6 : 0;
        if (micros_per_unit == 0)
            throw std::logic_error("bridge stage " + name + " is reported in neither ms nor s");
        for (const auto& [suffix, q] : {std::pair{"_p50", 0.5}, {"_p90", 0.9}, {"_p99", 0.99}, {"_p999", 0.999}})
            state.counters[stem + suffix + unit] = static_cast<double>(histogram.percentile(q)) / micros_per_unit;
    }
    for (const auto& [name, gas] : total.gas)
        state.counters[name] = gas.sum / static_cast<double>(gas.count);
    for (const auto& [name, count] : total.failed)
        state.counters["failed_" + name] = static_cast<double>(count);
    if (!total.first_error.empty())
        state.SetLabel("first failure: " + rpc::excerpt(total.first_error, 400));
}

/// "4 failed (4 refused): <first failure>".
std::string failure_summary(const Samples& total)
{
    uint64_t failed = 0;
    std::string classes;
    for (const auto& [name, count] : total.failed)
    {
        failed += count;
        classes += (classes.empty() ? "" : ", ") + std::to_string(count) + " " + name;
    }
    return std::to_string(failed) + " failed (" + classes + "): " + total.first_error;
}

void bridge_row(benchmark::State& state, BridgeFlow flow, size_t concurrency)
{
    if (several_ranks())
    {
        skip_row(state, "bridge rows need a single process: run them without mpirun");
        return;
    }
    const BridgeFlags& flags = bridge_flags();
    if (flags.l1_rpc_url.empty())
    {
        skip_row(state, "bridge rows need --l1-rpc-url (the L1 node) and a zkSync Era L2 as --rpc-url");
        return;
    }
    const std::optional<std::string> l2_url = node_url_or_skip(state);
    if (!l2_url)
        return;
    const uint64_t per_worker = (flags.operations + concurrency - 1) / concurrency;
    Samples total;
    for (auto _ : state)
    {
        BridgeRow row;
        try
        {
            row = prepare_bridge_row(flow, concurrency, per_worker, *l2_url);
        }
        catch (const std::exception& e)
        {
            state.SkipWithError(e.what());
            return;
        }
        std::vector<Samples> samples(concurrency);
        std::vector<std::thread> workers;
        const auto start = Clock::now();
        for (size_t w = 0; w < concurrency; ++w)
            workers.emplace_back(worker_loop, std::cref(row), w, per_worker, std::ref(samples[w]));
        for (std::thread& worker : workers)
            worker.join();
        const double wall = seconds(Clock::now() - start);
        for (const Samples& s : samples)
            total.merge(s);
        state.SetIterationTime(wall / static_cast<double>(std::max<uint64_t>(total.completed, 1)));
    }
    report(state, total);
    if (total.completed == 0)
        state.SkipWithError(("no operation completed: " + failure_summary(total)).c_str());
}

}  // namespace

void register_bridge(Registered& out)
{
    for (const BridgeFlow flow :
         {BridgeFlow::deposit_eth, BridgeFlow::deposit_erc20, BridgeFlow::withdraw_eth, BridgeFlow::withdraw_erc20})
        for (const size_t concurrency : {1, 4, 16})
        {
            const std::string name =
                std::string(to_string(flow)) + "/closed/concurrency:" + std::to_string(concurrency);
            benchmark::RegisterBenchmark(name.c_str(), bridge_row, flow, concurrency)
                ->UseManualTime()
                ->Iterations(1)
                ->Unit(benchmark::kMillisecond);
            // The L2 is the --rpc-url node; without --l1-rpc-url the rows only skip, so they
            // start no devnet.
            if (!bridge_flags().l1_rpc_url.empty())
                out.node_rows.push_back(name);
        }
}

}  // namespace zkload::bench
