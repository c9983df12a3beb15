// SPDX-License-Identifier: Apache-2.0
// deposit_eth, deposit_erc20, withdraw_eth, withdraw_erc20 / closed / concurrency:{1,4,16}:
// L1↔L2 bridge flows end to end through the Bridgehub contracts. `concurrency` workers each
// run their share of --bridge-operations one after another (closed loop). Time = wall time per
// completed operation; counters give each stage's latency percentiles (exact samples), the gas
// of each stage, and failures by class. Needs --l1-rpc-url and a zkSync L2 as --rpc-url.
#include "bridge_flags.hpp"
#include "node.hpp"
#include "pool/funder_key.hpp"
#include "pool/wallet_pool.hpp"
#include "registry.hpp"
#include "wallet_pool.hpp"
#include "zksync/deposit.hpp"
#include "zksync/priority_op.hpp"
#include "zksync/withdrawal.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

namespace zkload::bench {
namespace {

using namespace zksync;
using Clock = std::chrono::steady_clock;

enum class Flow { deposit_eth, deposit_erc20, withdraw_eth, withdraw_erc20 };

constexpr const char* kFlowNames[] = {"deposit_eth", "deposit_erc20", "withdraw_eth", "withdraw_erc20"};
constexpr const char* kNeeds =
    "bridge rows need --l1-rpc-url (the L1 node) and a zkSync Era L2 as --rpc-url";
constexpr uint64_t kL1PoolSize = 16;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// Exact samples per stage and per gas figure, failures by class; merged under a lock.
struct Samples
{
    std::map<std::string, std::vector<double>> values;
    std::map<std::string, uint64_t> failed;
    uint64_t completed = 0;
    std::string first_error;

    void merge(const Samples& other)
    {
        for (const auto& [name, list] : other.values)
            values[name].insert(values[name].end(), list.begin(), list.end());
        for (const auto& [name, count] : other.failed)
            failed[name] += count;
        completed += other.completed;
        if (first_error.empty())
            first_error = other.first_error;
    }
};

/// Nearest-rank percentile of exact samples.
double percentile(std::vector<double> list, double p)
{
    std::sort(list.begin(), list.end());
    const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(list.size())));
    return list[std::clamp<size_t>(rank, 1, list.size()) - 1];
}

/// What every worker of a row shares.
struct Row
{
    Flow flow = Flow::deposit_eth;
    std::string l1_url;
    std::string l2_url;
    BridgeAddresses bridge;
    std::vector<pool::Wallet> l1_wallets;
    std::vector<pool::Wallet> l2_wallets;
    std::optional<Address> l1_token;
    std::optional<Address> l2_token;
    U256 amount;
    Patience patience;
    bool finalize = true;
};

rpc::Client client_for(const std::string& url)
{
    return rpc::Client({.url = url, .timeout = std::chrono::seconds(60)});
}

void deposit_once(const Row& row, size_t worker, rpc::Client& l1, rpc::Client& l2, Samples& out)
{
    const pool::Wallet& wallet = row.l1_wallets[worker];
    const Address receiver = row.l2_wallets.empty() ? wallet.address : row.l2_wallets[worker].address;
    const DepositResult result = deposit(
        l1, &l2, row.bridge, wallet.key,
        {.receiver = receiver, .amount = row.amount, .token = row.l1_token, .l1_patience = row.patience});
    const auto included = Clock::now();
    const nlohmann::json l2_receipt = await_l2_receipt(l2, result.l2_hash, row.patience, "deposit");
    out.values["l1_incl_ms"].push_back(ms(result.l1.inclusion));
    out.values["l2_exec_ms"].push_back(ms(Clock::now() - included));
    out.values["l1_gas"].push_back(static_cast<double>(result.l1.gas_used));
    if (result.approval)
        out.values["approve_gas"].push_back(static_cast<double>(result.approval->gas_used));
    out.values["l2_gas"].push_back(static_cast<double>(json_quantity(l2_receipt, "gasUsed", "L2 receipt")));
}

void withdraw_once(const Row& row, size_t worker, rpc::Client& l1, rpc::Client& l2, Samples& out)
{
    const pool::Wallet& l2_wallet = row.l2_wallets[worker];
    const pool::Wallet& l1_wallet = row.l1_wallets[worker];
    const IncludedTxn sent = withdraw(
        l2, row.bridge, l2_wallet.key,
        {.l1_receiver = l1_wallet.address, .amount = row.amount, .l2_token = row.l2_token, .l2_patience = row.patience});
    const auto included = Clock::now();
    const ProvenWithdrawal proven =
        prove_withdrawal(l2, sent.hash, json_quantity(sent.receipt, "blockNumber", "L2 receipt"), row.patience);
    const auto proven_at = Clock::now();
    out.values["l2_incl_ms"].push_back(ms(sent.inclusion));
    out.values["proof_s"].push_back(seconds(proven_at - included));
    out.values["l2_gas"].push_back(static_cast<double>(sent.gas_used));
    if (!row.finalize)
        return;
    const IncludedTxn finalized =
        finalize_withdrawal(l1, row.bridge, l1_wallet.key,
                            finalize_params(row.bridge.l2_chain_id, proven.message, proven.proof),
                            std::nullopt, row.patience);
    out.values["finalize_s"].push_back(seconds(Clock::now() - proven_at));
    out.values["finalize_gas"].push_back(static_cast<double>(finalized.gas_used));
}

void worker_loop(const Row& row, size_t worker, uint64_t operations, Samples& out)
{
    rpc::Client l1 = client_for(row.l1_url);
    rpc::Client l2 = client_for(row.l2_url);
    const bool deposits = row.flow == Flow::deposit_eth || row.flow == Flow::deposit_erc20;
    for (uint64_t i = 0; i < operations; ++i)
    {
        try
        {
            if (deposits)
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

/// Funds the L1 wallets for `per_wallet` operations of the flow at today's L1 fees (×2).
std::vector<pool::Wallet> l1_wallets(rpc::Client& l1, const BridgeAddresses& bridge, const Row& row,
                                     uint64_t per_wallet)
{
    const PoolSettings& settings = SharedPool::shared().settings();
    const PrivateKey funder = pool::load_funder_key(settings.rich_key_file, false);
    const Pricing pricing = node_pricing(l1);
    const U256 per_op = l2_base_cost(l1, bridge, pricing.max_fee_per_gas, kFallbackErc20DepositL2Gas) +
                        pricing.max_fee_per_gas * 800'000 + row.amount;
    pool::PoolOptions options{.seed_name = "zkload-bridge-l1",
                              .size = kL1PoolSize,
                              .need = {.eth = per_op * per_wallet * 2, .token = row.amount * per_wallet * 2},
                              .state_dir = settings.options.state_dir,
                              .with_token = true};
    return pool::WalletPool::prepare(l1, funder, options).wallets();
}

/// Everything before the clock starts: discovery, wallets, and for ERC20 withdrawals a deposit
/// of the tokens to each L2 wallet.
Row prepare_row(Flow flow, size_t concurrency, uint64_t per_worker, const std::string& l2_url)
{
    const BridgeFlags& flags = bridge_flags();
    Row row{.flow = flow, .l1_url = flags.l1_rpc_url, .l2_url = l2_url};
    row.amount = parse_u256(flags.amount_wei);
    row.patience = {std::chrono::seconds(flags.stage_timeout_s), std::chrono::milliseconds(200)};
    row.finalize = flags.finalize == "yes";
    rpc::Client l1 = client_for(row.l1_url);
    rpc::Client l2 = client_for(row.l2_url);
    if (!is_zksync_node(l2))
        throw BridgeError(FailureClass::unsupported,
                          std::string(kNeeds) + "; the --rpc-url node has no zks_L1ChainId");
    row.bridge = discover_bridge(&l2, l1, bridge_overrides(flags));
    row.l1_wallets = l1_wallets(l1, row.bridge, row, per_worker);
    row.l1_wallets.resize(concurrency);
    if (flow == Flow::deposit_erc20 || flow == Flow::withdraw_erc20)
        row.l1_token = pool::WalletPool::prepare(l1, pool::load_funder_key(
                                                         SharedPool::shared().settings().rich_key_file, false),
                                                 {.seed_name = "zkload-bridge-l1", .size = kL1PoolSize})
                           .state()
                           .token;
    if (flow == Flow::withdraw_eth || flow == Flow::withdraw_erc20)
    {
        const auto& wallets = SharedPool::shared().get().wallets();
        if (wallets.size() < concurrency)
            throw BridgeError(FailureClass::unsupported, "the L2 pool has fewer wallets than the concurrency");
        row.l2_wallets.assign(wallets.begin(), wallets.begin() + static_cast<ptrdiff_t>(concurrency));
    }
    if (flow == Flow::withdraw_erc20)
    {
        for (size_t i = 0; i < concurrency; ++i)
        {
            const DepositResult funded = deposit(
                l1, &l2, row.bridge, row.l1_wallets[i].key,
                {.receiver = row.l2_wallets[i].address, .amount = row.amount * per_worker, .token = row.l1_token,
                 .l1_patience = row.patience});
            await_l2_receipt(l2, funded.l2_hash, row.patience, "ERC20 deposit for the withdrawals");
        }
        row.l2_token = l2_token_address(l2, l1_asset_id(l1, row.bridge, *row.l1_token));
    }
    return row;
}

void bridge_row(benchmark::State& state, Flow flow, size_t concurrency)
{
    const BridgeFlags& flags = bridge_flags();
    if (flags.l1_rpc_url.empty())
    {
        state.SkipWithError(kNeeds);
        return;
    }
    const std::optional<std::string> l2_url = node_url_or_skip(state);
    if (!l2_url)
        return;
    const uint64_t per_worker = (flags.operations + concurrency - 1) / concurrency;
    Samples total;
    for (auto _ : state)
    {
        Row row;
        try
        {
            row = prepare_row(flow, concurrency, per_worker, *l2_url);
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
        if (total.completed == 0)
        {
            state.SkipWithError(("no operation completed: " + total.first_error).c_str());
            return;
        }
        state.SetIterationTime(wall / static_cast<double>(total.completed));
    }
    state.counters["completed"] = static_cast<double>(total.completed);
    for (const auto& [name, list] : total.values)
    {
        if (list.empty())
            continue;
        if (name.ends_with("_gas"))
        {
            double sum = 0;
            for (const double v : list)
                sum += v;
            state.counters[name] = sum / static_cast<double>(list.size());
            continue;
        }
        const std::string stem = name.substr(0, name.rfind('_'));
        const std::string unit = name.substr(name.rfind('_'));
        for (const int p : {50, 90, 99})
            state.counters[stem + "_p" + std::to_string(p) + unit] = percentile(list, p);
    }
    for (const auto& [name, count] : total.failed)
        state.counters["failed_" + name] = static_cast<double>(count);
    if (!total.first_error.empty())
        state.SetLabel("first failure: " + rpc::excerpt(total.first_error, 160));
}

}  // namespace

void register_bridge(Registered& out)
{
    for (const Flow flow : {Flow::deposit_eth, Flow::deposit_erc20, Flow::withdraw_eth, Flow::withdraw_erc20})
        for (const size_t concurrency : {1, 4, 16})
        {
            const std::string name = std::string(kFlowNames[static_cast<size_t>(flow)]) +
                                     "/closed/concurrency:" + std::to_string(concurrency);
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
