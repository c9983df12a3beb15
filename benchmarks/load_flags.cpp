// SPDX-License-Identifier: Apache-2.0
#include "load_flags.hpp"

#include "engine/pinning.hpp"
#include "metrics/process_usage.hpp"
#include "operation_kind.hpp"
#include "zksync/eravm_artifact.hpp"

#include <CLI/CLI.hpp>
#include <charconv>

namespace zkload::bench {
namespace {

std::vector<unsigned> checked_cpus(const std::string& flag, const std::string& list)
{
    if (list.empty())
        return {};
    try
    {
        return engine::parse_cpu_list(list);
    }
    catch (const engine::CpuListError& e)
    {
        std::string message = e.what();
        if (flag != "--cpus" && message.starts_with("--cpus"))
            message.replace(0, 6, flag);
        throw CLI::ValidationError(flag, message);
    }
}

/// A flag that takes `auto` or a whole number in [low, high].
CLI::Validator auto_or_range(uint64_t low, uint64_t high)
{
    return CLI::Validator(
        [low, high](const std::string& value) -> std::string {
            if (value == "auto")
                return {};
            uint64_t n = 0;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (error != std::errc() || end != value.data() + value.size() || n < low || n > high)
                return "expected auto or a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                       ", got '" + value + "'";
            return {};
        },
        "auto|" + std::to_string(low) + "-" + std::to_string(high));
}

/// --presign: auto, off, or a whole number of transactions.
CLI::Validator presign_value()
{
    const CLI::Validator number = auto_or_range(1, 10'000'000);
    return CLI::Validator(
        [number](std::string& value) -> std::string {
            if (value == "off")
                return {};
            const std::string error = number(value);
            return error.empty() ? error : "expected auto, off or a whole number from 1 to 10000000, got '" + value + "'";
        },
        "auto|off|1-10000000");
}

/// --mix "eth_transfer=70,erc20_transfer=20,swap=10": operation families and whole weights.
std::vector<MixPart> parse_mix(const std::string& text)
{
    std::vector<MixPart> parts;
    if (text.empty())
        return parts;
    const auto fail = [&](const std::string& why) {
        std::string known;
        for (const OperationKind* kind : operation_kinds())
            if (!kind->part_names && !kind->reads)
                known += (known.empty() ? "" : ", ") + kind->family;
        throw CLI::ValidationError("--mix", why + " (expected operation=weight,...; operations: " + known + ")");
    };
    size_t from = 0;
    while (from <= text.size())
    {
        const size_t comma = std::min(text.find(',', from), text.size());
        const std::string item = text.substr(from, comma - from);
        const size_t equals = item.find('=');
        if (equals == std::string::npos)
            fail("'" + item + "' has no weight");
        MixPart part{.operation = item.substr(0, equals)};
        const std::string weight = item.substr(equals + 1);
        uint64_t w = 0;
        const auto [end, error] = std::from_chars(weight.data(), weight.data() + weight.size(), w);
        if (error != std::errc() || end != weight.data() + weight.size() || w == 0 || w > 1'000'000)
            fail("the weight of " + part.operation + " is '" + weight + "', not a whole number from 1 to 1000000");
        const OperationKind* kind = find_operation_kind(part.operation);
        if (kind == nullptr || kind->part_names || kind->reads)
            fail("'" + part.operation + "' is not an operation a mix can take");
        for (const MixPart& earlier : parts)
            if (earlier.operation == part.operation)
                fail(part.operation + " appears twice");
        part.weight = static_cast<uint32_t>(w);
        parts.push_back(std::move(part));
        from = comma + 1;
    }
    return parts;
}

/// The number of an `auto_or_range` flag, none for auto.
std::optional<uint64_t> number_or_auto(const std::string& value)
{
    return value == "auto" ? std::nullopt : std::optional<uint64_t>(std::stoull(value));
}

}  // namespace

void add_load_flags(CLI::App& app, LoadFlags& flags)
{
    auto* group = "Load engine";
    app.add_option("--cpus", flags.cpus,
                   "cpus for the load generator, hwloc list syntax (2-5,8): one engine thread pinned to each "
                   "(default: --threads unpinned threads)")
        ->group(group);
    app.add_option("--node-cpus", flags.node_cpus, "cpus to pin the embedded devnet to (same syntax)")->group(group);
    app.add_option("--threads", flags.threads, "engine threads when --cpus is not given")
        ->check(CLI::Range(1, 1024))->capture_default_str()->group(group);
    app.add_option("--txs", flags.txs,
                   "operations per load row (over all threads); default: a write row runs until --steady-blocks "
                   "blocks followed the first holding its transactions, a read row 5000 operations")
        ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}))->group(group);
    app.add_option("--duration", flags.duration_s, "seconds per load row; replaces --txs when given")
        ->check(CLI::Range(0.1, 86400.0))->group(group);
    app.add_option("--steady-blocks", flags.steady_blocks,
                   "blocks of steady state a write row runs for when neither --txs nor --duration is given "
                   "(included_per_s is measured over them)")
        ->check(CLI::Range(uint64_t{2}, uint64_t{100'000}))->capture_default_str()->group(group);
    app.add_option("--rpc-batch", flags.rpc_batch,
                   "transactions per JSON-RPC request (a batch when above 1): a number (1-1000), or auto: up to "
                   "16 where the node answers batches (a closed loop keeps at least 4 requests in flight), else 1; "
                   "reads send one each")
        ->check(auto_or_range(1, 1000))->capture_default_str()->group(group);
    app.add_option("--max-pending-per-wallet", flags.max_pending,
                   "transactions of one wallet awaiting a block: a number (1-1024), or auto: what the node "
                   "allows (zkSync Era 50 nonces ahead, geth/reth 16 guaranteed slots, anvil any: 1024), "
                   "shrinking when the node refuses a wallet for having too many")
        ->check(auto_or_range(1, 1024))
        ->capture_default_str()->group(group);
    app.add_option("--presign", flags.presign,
                   "transactions signed before each write row, so its timed window spends no CPU on signing "
                   "(reported apart as presign_us_per_tx; what runs out is signed while sending): auto signs "
                   "them where the node shares this machine and the amount is known (--txs, an open loop's rate, "
                   "a closed loop at concurrency 64 or more after the ceiling row), off, or a number")
        ->check(presign_value())->capture_default_str()->group(group);
    app.add_option("--max-in-flight", flags.max_in_flight, "HTTP requests in flight per engine thread")
        ->check(CLI::Range(1, 16384))->capture_default_str()->group(group);
    app.add_option("--inclusion-timeout", flags.inclusion_timeout_s,
                   "seconds after which an accepted transaction not in a block counts as lost")
        ->check(CLI::Range(1.0, 3600.0))->capture_default_str()->group(group);
    app.add_option("--rebroadcast-after", flags.rebroadcast_after_s,
                   "seconds after which an accepted transaction not in a block is sent again with the same "
                   "bytes (default 0: 3 block intervals as observed on the node, once it sealed 3 blocks without it)")
        ->check(CLI::Range(0.0, 3600.0))->group(group);
    app.add_option("--receipts", flags.receipts,
                   "when receipts (status, gas) are read: deferred, after each row's timed window (the node spends "
                   "nothing on them while it is measured), or live, while the row runs")
        ->check(CLI::IsMember({"deferred", "live"}))->capture_default_str()->group(group);
    app.add_option("--block-poll-ms", flags.block_poll_ms, "how often the block follower asks for new blocks")
        ->check(CLI::Range(1, 10000))->capture_default_str()->group(group);
    app.add_option("--node-pid", flags.node_pid,
                   "pid of a local node to measure (node_cpu_pct, node_rss_mb); the embedded devnet's is known")
        ->check(CLI::PositiveNumber)->group(group);
    app.add_option("--metrics-url", flags.metrics_url,
                   "the node's Prometheus text endpoint, scraped around each row (zkSync dev configs: "
                   "http://127.0.0.1:3312/metrics)")
        ->group(group);
    app.add_option("--zksolc-artifact", flags.zksolc_artifact,
                   "zksolc artifact (hardhat-zksync or foundry-zksync JSON) the deploy rows deploy on a zkSync "
                   "chain as EraVM bytecode; without it they need the chain's EVM emulator")
        ->group(group);
    app.add_option("--slo-p99-ms", flags.slo_p99_ms,
                   "capacity rows: the inclusion p99 a probe must stay under to pass (default 0: 3 block "
                   "intervals as observed on the node)")
        ->check(CLI::Range(0.0, 3'600'000.0))->group(group);
    app.add_option("--capacity-max-s", flags.capacity_max_s,
                   "capacity rows: seconds a search may take; one out of time reports the highest rate that "
                   "passed so far and says so in its label")
        ->check(CLI::Range(1.0, 86400.0))->capture_default_str()->group(group);
    app.add_option("--slots", flags.storage_slots,
                   "storage rows: storage slots never written before that each call writes (the state a node "
                   "keeps for good)")
        ->check(CLI::Range(uint64_t{1}, uint64_t{1000}))->capture_default_str()->group(group);
    app.add_option("--swap-slippage-bps", flags.swap_slippage_bps,
                   "swap rows: how far below the quote taken before the row (in hundredths of a percent) a "
                   "swap may fill; below it the swap reverts and counts as reverted")
        ->check(CLI::Range(uint64_t{0}, uint64_t{10'000}))->capture_default_str()->group(group);
    app.add_option("--swap-wei", flags.swap_wei,
                   "swap rows: wei each swap sells to a pair holding 10^12 wei and one token (its price "
                   "impact: 1000 wei moves the price by about 0.0000002%)")
        ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000'000}))->capture_default_str()->group(group);
    app.add_option("--mix", flags.mix,
                   "mix rows (mix/closed/concurrency:N, mix/open/rate:R): operations and their weights, e.g. "
                   "eth_transfer=70,erc20_transfer=20,swap=10; each transaction is one of them, drawn by weight; "
                   "the rows count each apart (<op>_included_per_s, <op>_incl_p99_ms)")
        ->group(group);
    app.add_flag("--poisson", flags.poisson, "open loop: Poisson arrivals instead of a constant rate")->group(group);
}

LoadSettings load_settings(const LoadFlags& flags)
{
    if (flags.node_pid)
        try
        {
            metrics::read_process_usage(*flags.node_pid);
        }
        catch (const std::exception& e)
        {
            throw CLI::ValidationError("--node-pid", e.what());
        }
    if (!flags.zksolc_artifact.empty())
        try
        {
            zksync::load_eravm_artifact(flags.zksolc_artifact);
        }
        catch (const zksync::ArtifactError& e)
        {
            throw CLI::ValidationError("--zksolc-artifact", e.what());
        }
    using std::chrono::milliseconds;
    return {.cpus = checked_cpus("--cpus", flags.cpus),
            .threads = flags.threads,
            .operations = flags.txs,
            .duration = milliseconds(static_cast<int64_t>(flags.duration_s * 1000)),
            .steady_blocks = flags.steady_blocks,
            .rpc_batch = number_or_auto(flags.rpc_batch),
            .max_pending_per_wallet = number_or_auto(flags.max_pending),
            .presign = flags.presign == "off" ? std::optional<uint64_t>(0) : number_or_auto(flags.presign),
            .max_requests_per_thread = flags.max_in_flight,
            .inclusion_timeout = milliseconds(static_cast<int64_t>(flags.inclusion_timeout_s * 1000)),
            .rebroadcast_after = milliseconds(static_cast<int64_t>(flags.rebroadcast_after_s * 1000)),
            .receipts = flags.receipts == "live" ? engine::DriverConfig::Receipts::live
                                                 : engine::DriverConfig::Receipts::deferred,
            .block_poll = milliseconds(flags.block_poll_ms),
            .poisson = flags.poisson,
            .node_pid = flags.node_pid,
            .metrics_url = flags.metrics_url,
            .slo_p99_ms = flags.slo_p99_ms,
            .capacity_max = milliseconds(static_cast<int64_t>(flags.capacity_max_s * 1000)),
            .zksolc_artifact = flags.zksolc_artifact,
            .storage_slots = flags.storage_slots,
            .swap_slippage_bps = flags.swap_slippage_bps,
            .swap_wei = flags.swap_wei,
            .mix = parse_mix(flags.mix)};
}

std::vector<unsigned> node_cpus(const LoadFlags& flags) { return checked_cpus("--node-cpus", flags.node_cpus); }

}  // namespace zkload::bench
